import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Collection } from '../bindings/Collection';
import type { Folder } from '../bindings/Folder';
import { alerts } from './alerts.svelte';
import { SettingsDialog } from './settings-dialog.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const collection: Collection = {
  id: 4,
  workspaceId: 1,
  name: 'Users',
  position: 0,
  description: '',
  auth: { mode: 'noauth', params: [] },
  scripts: { preRequest: '', test: '' },
  variables: [],
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

const folder: Folder = {
  id: 9,
  collectionId: 4,
  parentId: null,
  name: 'Auth',
  position: 0,
  description: '',
  auth: { mode: 'inherit', params: [] },
  scripts: { preRequest: '', test: '' },
  variables: [],
  settings: collection.settings,
  extra: {},
};

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  mocked.getCollection.mockResolvedValue(collection);
});

describe('SettingsDialog', () => {
  it('edits auth and settings and saves them together', async () => {
    const cs = new SettingsDialog();
    await cs.open({ kind: 'collection', id: 4 });
    expect(cs.status).toBe('Saved');
    cs.setSettings({ ...cs.settings, timeoutMs: 500 });
    cs.setAuth({ mode: 'bearer', params: [{ key: 'token', value: '{{t}}', type: 'string' }] });
    expect(cs.isDirty).toBe(true);
    mocked.saveCollectionSettings.mockImplementation(async (_id, parent) => ({
      ...collection,
      ...parent,
    }));
    await expect(cs.save()).resolves.toBe(true);
    expect(mocked.saveCollectionSettings).toHaveBeenCalledWith(4, {
      auth: { mode: 'bearer', params: [{ key: 'token', value: '{{t}}', type: 'string' }] },
      settings: expect.objectContaining({ timeoutMs: 500 }),
      scripts: { preRequest: '', test: '' },
    });
    expect(cs.isDirty).toBe(false);
    expect(cs.status).toBe('Collection settings saved');
  });

  it('edits a folder’s scripts and saves them with its auth and settings', async () => {
    mocked.getFolder.mockResolvedValue(folder);
    const sd = new SettingsDialog();
    await sd.open({ kind: 'folder', id: 9 });
    expect(sd.subject?.kind).toBe('folder');
    expect(mocked.getCollection).not.toHaveBeenCalled();
    const scripts = { preRequest: '', test: 'pm.test("ok", () => {});' };
    sd.setScripts(scripts);
    expect(sd.status).toBe('Unsaved changes');
    mocked.saveFolderSettings.mockImplementation(async (_id, parent) => ({
      ...folder,
      ...parent,
    }));
    await expect(sd.save()).resolves.toBe(true);
    expect(mocked.saveFolderSettings).toHaveBeenCalledWith(9, {
      auth: folder.auth,
      settings: folder.settings,
      scripts,
    });
    expect(sd.isDirty).toBe(false);
    expect(sd.status).toBe('Folder settings saved');
  });

  it('says why a save failed and keeps the edits', async () => {
    mocked.getFolder.mockResolvedValue(folder);
    mocked.saveFolderSettings.mockRejectedValue({
      kind: 'store',
      message: 'disk full',
      place: null,
    });
    const sd = new SettingsDialog();
    await sd.open({ kind: 'folder', id: 9 });
    sd.setScripts({ preRequest: 'console.log(1)', test: '' });
    await expect(sd.save()).resolves.toBe(false);
    expect(sd.status).toBe('Could not save: disk full');
    expect(sd.isDirty).toBe(true);
  });
});

describe('SettingsDialog overview', () => {
  it('saves a folder’s new name and description before its settings, and loads its variables', async () => {
    const withVars = {
      ...folder,
      variables: [{ key: 'path', value: 'v1', enabled: true, secret: false, description: '' }],
    };
    mocked.getFolder.mockResolvedValue(withVars);
    mocked.saveFolderOverview.mockResolvedValue({
      ...withVars,
      name: 'Admin',
      description: '# Admin',
    });
    mocked.saveFolderSettings.mockResolvedValue({
      ...withVars,
      name: 'Admin',
      description: '# Admin',
    });
    const { collectionVariables } = await import('./variables.svelte');
    collectionVariables.close();
    const sd = new SettingsDialog();
    await sd.open({ kind: 'folder', id: 9 });
    expect(collectionVariables.scope).toEqual({ kind: 'folder', id: 9 });
    expect(collectionVariables.rows.map((v) => v.key)).toEqual(['path']);
    sd.setOverview({ name: 'Admin', description: '# Admin' });
    expect(sd.isDirty).toBe(true);
    await expect(sd.save()).resolves.toBe(true);
    expect(mocked.saveFolderOverview).toHaveBeenCalledWith(9, 'Admin', '# Admin');
    expect(mocked.saveFolderOverview.mock.invocationCallOrder[0]).toBeLessThan(
      mocked.saveFolderSettings.mock.invocationCallOrder[0] ?? 0,
    );
    expect(sd.isDirty).toBe(false);
  });

  it('does not write the overview when only settings changed', async () => {
    const sd = new SettingsDialog();
    await sd.open({ kind: 'collection', id: 4 });
    sd.setSettings({ ...sd.settings, verifyTls: false });
    mocked.saveCollectionSettings.mockImplementation(async (_id, parent) => ({
      ...collection,
      ...parent,
    }));
    await sd.save();
    expect(mocked.saveCollectionOverview).not.toHaveBeenCalled();
  });
});
