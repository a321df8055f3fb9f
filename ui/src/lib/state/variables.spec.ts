import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Variable } from '../bindings/Variable';
import { alerts } from './alerts.svelte';
import { VariablesEditor } from './variables.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

function variable(key: string, value: string, extra: Partial<Variable> = {}): Variable {
  return { key, value, enabled: true, secret: false, description: '', ...extra };
}

const stored = [
  variable('base', 'http://x'),
  variable('token', '', { secret: true, secretRef: 'r1' }),
];

function envOf(variables: Variable[]) {
  return { id: 7, workspaceId: 1, name: 'Dev', position: 0, variables, extra: {} };
}

async function opened(): Promise<VariablesEditor> {
  mocked.getEnvironment.mockResolvedValue(envOf(stored));
  const editor = new VariablesEditor();
  await editor.open({ kind: 'environment', id: 7 });
  return editor;
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
});

describe('VariablesEditor', () => {
  it('loads an environment and reads as saved', async () => {
    const editor = await opened();
    expect(mocked.getEnvironment).toHaveBeenCalledWith(7);
    expect(editor.rows).toEqual(stored);
    expect(editor.status).toBe('Saved');
  });

  it('loads the globals of a workspace', async () => {
    mocked.getGlobals.mockResolvedValue([variable('g', '1')]);
    const editor = new VariablesEditor();
    await editor.open({ kind: 'globals', id: 3 });
    expect(mocked.getGlobals).toHaveBeenCalledWith(3);
    expect(editor.rows.map((r) => r.key)).toEqual(['g']);
  });

  it('typing into the blank row adds a variable', async () => {
    const editor = await opened();
    editor.edit(2, { key: 'user' });
    expect(editor.rows).toHaveLength(3);
    expect(editor.rows[2]).toMatchObject({ key: 'user', enabled: true, secret: false });
    expect(editor.status).toBe('Unsaved changes');
  });

  it('saves the rows, blank ones dropped, and shows what the store returned', async () => {
    const editor = await opened();
    editor.edit(1, { value: 'new-secret' });
    editor.edit(2, { key: '' });
    const saved = [stored[0]!, { ...stored[1]! }];
    mocked.saveEnvironmentVariables.mockResolvedValue(envOf(saved));
    expect(await editor.save()).toBe(true);
    expect(mocked.saveEnvironmentVariables).toHaveBeenCalledWith(7, [
      stored[0],
      { ...stored[1], value: 'new-secret' },
    ]);
    expect(editor.rows[1]!.value).toBe('');
    expect(editor.status).toBe('Variables saved');
  });

  it('saves globals through save_globals', async () => {
    mocked.getGlobals.mockResolvedValue([]);
    const editor = new VariablesEditor();
    await editor.open({ kind: 'globals', id: 3 });
    editor.edit(0, { key: 'k', value: 'v' });
    mocked.saveGlobals.mockResolvedValue([variable('k', 'v')]);
    expect(await editor.save()).toBe(true);
    expect(mocked.saveGlobals).toHaveBeenCalledWith(3, [variable('k', 'v')]);
  });

  it('a failed save keeps the edits and announces the error', async () => {
    const editor = await opened();
    editor.edit(0, { value: 'changed' });
    mocked.saveEnvironmentVariables.mockRejectedValue({
      kind: 'secrets',
      message: 'the keychain is locked',
      place: null,
    });
    expect(await editor.save()).toBe(false);
    expect(editor.rows[0]!.value).toBe('changed');
    expect(editor.status).toBe('Could not save: the keychain is locked');
    expect(editor.isError).toBe(true);
    expect(alerts.items).toHaveLength(1);
  });

  it('reveals one stored secret by its stored key, and hides it again', async () => {
    const editor = await opened();
    editor.edit(1, { key: 'renamed' });
    mocked.revealVariable.mockResolvedValue('s3cret');
    await editor.toggleReveal(1);
    expect(mocked.revealVariable).toHaveBeenCalledWith({ kind: 'environment', id: 7 }, 'token');
    expect(editor.revealed).toEqual({ 1: 's3cret' });
    // Revealing does not edit: the row still means "unchanged".
    expect(editor.rows[1]!.value).toBe('');
    await editor.toggleReveal(1);
    expect(editor.revealed).toEqual({});
    expect(mocked.revealVariable).toHaveBeenCalledTimes(1);
  });

  it('does not reveal plain variables', async () => {
    const editor = await opened();
    await editor.toggleReveal(0);
    expect(mocked.revealVariable).not.toHaveBeenCalled();
  });

  it('a stored secret turned plain keeps its value', async () => {
    const editor = await opened();
    mocked.revealVariable.mockResolvedValue('s3cret');
    await editor.setSecret(1, false);
    expect(editor.rows[1]).toMatchObject({ secret: false, value: 's3cret' });
  });

  it('marking a plain variable secret keeps the typed value for the save to stash', async () => {
    const editor = await opened();
    await editor.setSecret(0, true);
    expect(editor.rows[0]).toMatchObject({ secret: true, value: 'http://x' });
    expect(mocked.revealVariable).not.toHaveBeenCalled();
  });
});
