/**
 * The current workspace's environments: the list and the active one (both read from the
 * workspace tree, so they show what the store holds), which one the manager has selected, and
 * which panel (environments manager or globals) replaces the request editor.
 *
 * Every write goes to the store and then reloads the tree. Failures go to `alerts`.
 */
import * as api from '../api';
import type { Environment } from '../bindings/Environment';
import type { EnvironmentId } from '../bindings/EnvironmentId';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';
import { workspace } from './workspace.svelte';

export type Panel = 'environments' | 'globals' | null;

export class EnvironmentsState {
  panel = $state<Panel>(null);
  /** The environment the manager shows. */
  selectedId = $state<EnvironmentId | null>(null);

  list = $derived(workspace.tree?.environments ?? []);
  activeId = $derived(workspace.tree?.workspace.activeEnvironmentId ?? null);
  selected = $derived(this.list.find((e) => e.id === this.selectedId) ?? null);

  /** Makes `id` active, or none with `null`. */
  async setActive(id: EnvironmentId | null): Promise<boolean> {
    const workspaceId = workspace.currentId;
    if (workspaceId === null) return false;
    return this.#write(() => api.setActiveEnvironment(workspaceId, id));
  }

  async create(name: string): Promise<Environment | undefined> {
    const workspaceId = workspace.currentId;
    if (workspaceId === null) return undefined;
    const created = await alerts.attempt(() => api.createEnvironment(workspaceId, name));
    if (created) await workspace.reload();
    return created;
  }

  rename(id: EnvironmentId, name: string): Promise<boolean> {
    return this.#write(() => api.renameEnvironment(id, name));
  }

  async duplicate(id: EnvironmentId, name: string): Promise<Environment | undefined> {
    const copy = await alerts.attempt(() => api.duplicateEnvironment(id, name));
    if (copy) await workspace.reload();
    return copy;
  }

  async remove(id: EnvironmentId): Promise<boolean> {
    const ok = await this.#write(() => api.deleteEnvironment(id).then((w) => alerts.warn(w)));
    if (ok && this.selectedId === id) this.selectedId = null;
    return ok;
  }

  async #write(task: () => Promise<unknown>): Promise<boolean> {
    const ok = await alerts.attempt(async () => {
      await task();
      return true;
    });
    await workspace.reload();
    void requestScope.reload();
    return ok === true;
  }
}

export const environments = new EnvironmentsState();
