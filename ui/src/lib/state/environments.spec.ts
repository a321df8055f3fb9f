import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Environment } from '../bindings/Environment';
import { treeOf, workspaceOf } from '../testing/fixtures';
import { alerts } from './alerts.svelte';
import { dialogs } from './dialogs.svelte';
import * as envFlows from './environment-flows';
import { environments } from './environments.svelte';
import { variables } from './variables.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

function envOf(id: number, name: string): Environment {
  return { id, workspaceId: 1, name, position: id, variables: [], extra: {} };
}

const dev = envOf(5, 'Dev');
const prod = envOf(6, 'Prod');

async function loaded(active: number | null = null, envs = [dev, prod]) {
  const home = { ...workspaceOf(1, 'Home'), activeEnvironmentId: active };
  mocked.ensureWorkspace.mockResolvedValue(home);
  mocked.listWorkspaces.mockResolvedValue([home]);
  mocked.workspaceTree.mockResolvedValue({ ...treeOf(home), environments: envs });
  await workspace.init();
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  envFlows.closePanel();
  environments.selectedId = null;
});

describe('EnvironmentsState', () => {
  it('lists the tree’s environments and the active one', async () => {
    await loaded(6);
    expect(environments.list.map((e) => e.name)).toEqual(['Dev', 'Prod']);
    expect(environments.activeId).toBe(6);
  });

  it('setActive writes and reloads, also to none', async () => {
    await loaded();
    mocked.setActiveEnvironment.mockResolvedValue(workspaceOf(1, 'Home'));
    expect(await environments.setActive(5)).toBe(true);
    expect(mocked.setActiveEnvironment).toHaveBeenCalledWith(1, 5);
    await environments.setActive(null);
    expect(mocked.setActiveEnvironment).toHaveBeenLastCalledWith(1, null);
    expect(mocked.workspaceTree).toHaveBeenCalledTimes(3);
  });

  it('a refused write is reported', async () => {
    await loaded();
    mocked.renameEnvironment.mockRejectedValue({ kind: 'invalid', message: 'empty', place: null });
    expect(await environments.rename(5, ' ')).toBe(false);
    expect(alerts.items[0]?.error.message).toBe('empty');
  });
});

describe('environment flows', () => {
  it('a new environment is created, selected and opened in the variables editor', async () => {
    await loaded();
    mocked.createEnvironment.mockResolvedValue(envOf(9, 'Stage'));
    mocked.getEnvironment.mockResolvedValue(envOf(9, 'Stage'));
    const flow = envFlows.newEnvironment();
    dialogs.answer('Stage');
    await flow;
    expect(mocked.createEnvironment).toHaveBeenCalledWith(1, 'Stage');
    expect(environments.selectedId).toBe(9);
    expect(variables.scope).toEqual({ kind: 'environment', id: 9 });
  });

  it('the manager opens on the active environment', async () => {
    await loaded(6);
    mocked.getEnvironment.mockResolvedValue(prod);
    await envFlows.openManager();
    expect(environments.panel).toBe('environments');
    expect(environments.selectedId).toBe(6);
  });

  it('duplicating asks for a name and selects the copy', async () => {
    await loaded();
    mocked.duplicateEnvironment.mockResolvedValue(envOf(10, 'Dev copy'));
    mocked.getEnvironment.mockResolvedValue(envOf(10, 'Dev copy'));
    const flow = envFlows.duplicateEnvironment(dev);
    expect(dialogs.pending?.type === 'prompt' && dialogs.pending.options.initial).toBe('Dev copy');
    dialogs.answer('Dev copy');
    await flow;
    expect(mocked.duplicateEnvironment).toHaveBeenCalledWith(5, 'Dev copy');
    expect(environments.selectedId).toBe(10);
  });

  it('deleting needs a confirmation and closes the editor on it', async () => {
    await loaded();
    mocked.getEnvironment.mockResolvedValue(dev);
    await envFlows.selectEnvironment(5);
    const cancelled = envFlows.deleteEnvironment(dev);
    dialogs.cancel();
    await cancelled;
    expect(mocked.deleteEnvironment).not.toHaveBeenCalled();

    mocked.deleteEnvironment.mockResolvedValue([]);
    const confirmed = envFlows.deleteEnvironment(dev);
    dialogs.answer();
    await confirmed;
    expect(mocked.deleteEnvironment).toHaveBeenCalledWith(5);
    expect(environments.selectedId).toBeNull();
    expect(variables.scope).toBeNull();
  });

  it('globals open in the variables editor for the current workspace', async () => {
    await loaded();
    mocked.getGlobals.mockResolvedValue([]);
    await envFlows.openGlobals();
    expect(environments.panel).toBe('globals');
    expect(variables.scope).toEqual({ kind: 'globals', id: 1 });
  });
});
