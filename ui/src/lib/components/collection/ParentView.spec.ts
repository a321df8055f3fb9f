// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, tick } from 'svelte';
import * as api from '../../api';
import type { Folder } from '../../bindings/Folder';
import { alerts } from '../../state/alerts.svelte';
import { SettingsDialog } from '../../state/settings-dialog.svelte';
import { render, type Rendered } from '../../testing/render';
import ParentView from './ParentView.svelte';

vi.mock('../../api');
const mocked = vi.mocked(api);

const folder: Folder = {
  id: 9,
  collectionId: 4,
  parentId: null,
  name: 'Admin',
  position: 0,
  description: '# Admin calls\n\n<img src=x onerror="window.hacked=1"> **careful**',
  auth: { mode: 'inherit', params: [] },
  scripts: { preRequest: '', test: '' },
  variables: [{ key: 'role', value: 'root', enabled: true, secret: false, description: '' }],
  settings: {
    followRedirects: null,
    maxRedirects: null,
    followOriginalMethod: null,
    followAuthorizationHeader: null,
    timeoutMs: null,
    scriptTimeoutMs: null,
    verifyTls: null,
    useCookies: null,
    httpVersion: null,
  },
  extra: {},
};

let shown: Rendered | undefined;
let sd: SettingsDialog;
afterEach(() => {
  shown?.destroy();
  sd?.close();
});

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  mocked.getFolder.mockResolvedValue(folder);
});

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

function hook<T extends HTMLElement>(target: HTMLElement, id: string): T {
  const found = target.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

/** The view of folder 9 as a folder's tab shows it. */
async function showFolder(): Promise<Rendered> {
  sd = new SettingsDialog();
  await sd.open({ kind: 'folder', id: 9 });
  const rendered = render(ParentView, { sd });
  await settle();
  return rendered;
}

describe('ParentView', () => {
  it('shows the folder’s name and its description rendered, with its HTML escaped', async () => {
    shown = await showFolder();
    expect(mocked.getFolder).toHaveBeenCalledWith(9);
    expect(hook(shown.target, 'settings-title').textContent?.trim()).toBe('Folder “Admin”');
    expect(shown.target.querySelector('[data-testid="folder-view"]')).not.toBeNull();
    const rendered = hook(shown.target, 'overview-rendered');
    expect(rendered.querySelector('h1')?.textContent).toBe('Admin calls');
    expect(rendered.querySelector('strong')?.textContent).toBe('careful');
    expect(rendered.querySelector('img')).toBeNull();
    expect(rendered.textContent).toContain('<img src=x onerror="window.hacked=1">');
    const labels = [...shown.target.querySelectorAll('[role="tab"]')].map((t) =>
      t.textContent?.trim(),
    );
    expect(labels).toEqual(['Overview', 'Auth', 'Variables', 'Scripts', 'Settings']);
  });

  it('edits the name and description and saves them', async () => {
    mocked.saveFolderOverview.mockResolvedValue({ ...folder, name: 'Admins' });
    mocked.saveFolderSettings.mockResolvedValue({ ...folder, name: 'Admins' });
    shown = await showFolder();
    const save = hook<HTMLButtonElement>(shown.target, 'collection-save');
    expect(save.disabled).toBe(true);
    const name = hook<HTMLInputElement>(shown.target, 'overview-name');
    name.value = 'Admins';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    hook<HTMLButtonElement>(shown.target, 'overview-toggle').click();
    flushSync();
    const text = hook<HTMLTextAreaElement>(shown.target, 'overview-description');
    text.value = 'Only *admins*';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(save.disabled).toBe(false);
    save.click();
    await settle();
    expect(mocked.saveFolderOverview).toHaveBeenCalledWith(9, 'Admins', 'Only *admins*');
    expect(hook(shown.target, 'collection-status').textContent?.trim()).toBe(
      'Folder settings saved',
    );
  });

  it('edits the folder’s variables in its Variables tab', async () => {
    mocked.saveFolderVariables.mockImplementation(async (_id, variables) => ({
      ...folder,
      variables,
    }));
    shown = await showFolder();
    hook<HTMLButtonElement>(shown.target, 'collection-tab-variables').click();
    await settle();
    const inputs = [...shown.target.querySelectorAll<HTMLInputElement>('input')];
    const value = inputs.find((i) => i.value === 'root');
    expect(value).toBeDefined();
    value!.value = 'admin';
    value!.dispatchEvent(new Event('input', { bubbles: true }));
    value!.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    const saveVars = [...shown.target.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === 'Save',
    );
    saveVars!.click();
    await settle();
    expect(mocked.saveFolderVariables).toHaveBeenCalledWith(9, [
      expect.objectContaining({ key: 'role', value: 'admin' }),
    ]);
  });
});
