/**
 * What the environment and globals actions do: ask through `dialogs`, write through
 * `environments`, and keep the variables editor on the environment the manager shows.
 */
import type { Environment } from '../bindings/Environment';
import type { EnvironmentId } from '../bindings/EnvironmentId';
import { dialogs } from './dialogs.svelte';
import { environments } from './environments.svelte';
import { variables } from './variables.svelte';
import { workspace } from './workspace.svelte';

/** Shows the environments manager, on the active environment (else the first). */
export async function openManager(): Promise<void> {
  environments.panel = 'environments';
  const id = environments.selected?.id ?? environments.activeId ?? environments.list[0]?.id;
  if (id === undefined) variables.close();
  else await selectEnvironment(id);
}

export async function openGlobals(): Promise<void> {
  const id = workspace.currentId;
  if (id === null) return;
  environments.panel = 'globals';
  await variables.open({ kind: 'globals', id });
}

/** Closes the manager or the globals, back to the request editor. */
export function closePanel(): void {
  environments.panel = null;
  variables.close();
}

export async function selectEnvironment(id: EnvironmentId): Promise<void> {
  environments.selectedId = id;
  await variables.open({ kind: 'environment', id });
}

export async function newEnvironment(): Promise<void> {
  const name = await dialogs.ask({ title: 'New environment', label: 'Environment name' });
  if (name === null) return;
  const created = await environments.create(name);
  if (created) await selectEnvironment(created.id);
}

export async function renameEnvironment(env: Environment): Promise<void> {
  const name = await dialogs.ask({
    title: 'Rename environment',
    label: 'Environment name',
    initial: env.name,
    confirmLabel: 'Rename',
  });
  if (name !== null) await environments.rename(env.id, name);
}

export async function duplicateEnvironment(env: Environment): Promise<void> {
  const name = await dialogs.ask({
    title: 'Duplicate environment',
    label: 'Name of the copy',
    initial: `${env.name} copy`,
    confirmLabel: 'Duplicate',
  });
  if (name === null) return;
  const copy = await environments.duplicate(env.id, name);
  if (copy) await selectEnvironment(copy.id);
}

export async function deleteEnvironment(env: Environment): Promise<void> {
  const ok = await dialogs.confirm({
    title: 'Delete environment?',
    message: `Delete "${env.name}" with its variables and secrets?`,
    confirmLabel: 'Delete',
  });
  if (!ok || !(await environments.remove(env.id))) return;
  if (variables.scope?.kind === 'environment' && variables.scope.id === env.id) variables.close();
}
