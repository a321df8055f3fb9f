import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Collection } from '../bindings/Collection';
import { alerts } from './alerts.svelte';
import { CollectionSettings } from './collection-settings.svelte';

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
    verifyTls: null,
    useCookies: null,
    httpVersion: null,
  },
  extra: {},
};

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  mocked.getCollection.mockResolvedValue(collection);
});

describe('CollectionSettings', () => {
  it('edits auth and settings and saves them together', async () => {
    const cs = new CollectionSettings();
    await cs.open(4);
    expect(cs.status).toBe('Saved');
    cs.setSettings({ ...cs.settings, timeoutMs: 500 });
    cs.setAuth({ mode: 'bearer', params: [{ key: 'token', value: '{{t}}', type: 'string' }] });
    expect(cs.isDirty).toBe(true);
    mocked.saveCollectionSettings.mockImplementation(async (_id, auth, settings) => ({
      ...collection,
      auth,
      settings,
    }));
    await expect(cs.save()).resolves.toBe(true);
    expect(mocked.saveCollectionSettings).toHaveBeenCalledWith(
      4,
      { mode: 'bearer', params: [{ key: 'token', value: '{{t}}', type: 'string' }] },
      expect.objectContaining({ timeoutMs: 500 }),
    );
    expect(cs.isDirty).toBe(false);
    expect(cs.status).toBe('Collection settings saved');
  });
});
