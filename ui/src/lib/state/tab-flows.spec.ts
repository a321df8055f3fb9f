import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Collection } from '../bindings/Collection';
import { requestOf, treeOf, workspaceOf } from '../testing/fixtures';
import { alerts } from './alerts.svelte';
import { DRAFT_DELAY_MS, editor } from './editor.svelte';
import * as tabFlows from './tab-flows';
import { settingsTab } from './settings-dialog.svelte';
import { tabs } from './tabs.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);
const home = workspaceOf(1, 'Home');
const NAMES: Record<number, [string, string]> = {
  12: ['List admins', 'GET'],
  13: ['Get user', 'GET'],
  14: ['Create user', 'POST'],
};

/** Waits for the close prompt, then answers it. */
async function answer(choice: 'save' | 'discard' | 'cancel') {
  await vi.waitFor(() => expect(tabs.closing).not.toBeNull());
  tabs.answerClose(choice);
}

beforeEach(async () => {
  vi.resetAllMocks();
  alerts.clear();
  editor.close();
  tabs.answerClose('cancel');
  tabs.list = [];
  tabs.active = null;
  tabs.heads = [];
  workspace.currentId = 1;
  workspace.tree = treeOf(home);
  mocked.getRequest.mockImplementation(async (id) => {
    const [name, method] = NAMES[id] ?? ['?', 'GET'];
    return requestOf(id, name, method);
  });
  mocked.getDraft.mockResolvedValue(null);
  mocked.saveDraft.mockResolvedValue(null);
  mocked.discardDraft.mockResolvedValue(true);
  mocked.setTabs.mockResolvedValue(null);
  mocked.saveRequest.mockImplementation(async (r) => ({ ...r }));
  mocked.getTabs.mockResolvedValue({ tabs: [], active: null });
  mocked.draftHeads.mockResolvedValue([]);
  await tabs.load(1);
});

describe('tabs', () => {
  it('opens requests in tabs, once each, and keeps the list in the store', async () => {
    await tabFlows.openRequestTab(13);
    await tabFlows.openRequestTab(14);
    await tabFlows.openRequestTab(13);
    expect(tabs.list).toEqual([
      { kind: 'request', id: 13 },
      { kind: 'request', id: 14 },
    ]);
    expect(tabs.active).toBe(0);
    expect(editor.stored?.id).toBe(13);
    expect(mocked.setTabs).toHaveBeenLastCalledWith(1, { tabs: tabs.list, active: 0 });
  });

  it('shows the active request as edited and the others from their drafts or the tree', async () => {
    await tabFlows.openRequestTab(13);
    editor.edit('name', 'Get one user');
    await tabFlows.openRequestTab(14);
    expect(mocked.saveDraft).toHaveBeenCalledWith(expect.objectContaining({ id: 13 }));
    editor.edit('method', 'PUT');
    expect(tabFlows.tabViews()).toEqual([
      { key: 'request-13', name: 'Get one user', method: 'GET', isDirty: true },
      { key: 'request-14', name: 'Create user', method: 'PUT', isDirty: true },
    ]);
  });

  it('cycles with wrap-around, and reopens the tab closed last', async () => {
    for (const id of [12, 13, 14]) await tabFlows.openRequestTab(id);
    await tabFlows.cycleTab(1);
    expect(editor.stored?.id).toBe(12);
    await tabFlows.cycleTab(-1);
    expect(editor.stored?.id).toBe(14);

    await tabFlows.closeActiveTab();
    expect(tabs.list.map((t) => t.id)).toEqual([12, 13]);
    expect(editor.stored?.id).toBe(13);
    await tabFlows.reopenClosedTab();
    expect(tabs.list.map((t) => t.id)).toEqual([12, 13, 14]);
    expect(editor.stored?.id).toBe(14);
  });

  it('closing the last tab closes the editor', async () => {
    await tabFlows.openRequestTab(13);
    await tabFlows.closeActiveTab();
    expect(tabs.list).toEqual([]);
    expect(editor.stored).toBeNull();
  });
});

describe('closing a tab with unsaved changes', () => {
  it('Cancel keeps the tab and the edits', async () => {
    await tabFlows.openRequestTab(13);
    editor.edit('url', 'https://x.test/edited');
    const closing = tabFlows.closeActiveTab();
    await answer('cancel');
    await closing;
    expect(tabs.list).toHaveLength(1);
    expect(editor.draft?.url).toBe('https://x.test/edited');
    expect(mocked.saveRequest).not.toHaveBeenCalled();
    expect(mocked.discardDraft).not.toHaveBeenCalled();
  });

  it('Save writes the edits into the request, then closes', async () => {
    await tabFlows.openRequestTab(13);
    editor.edit('url', 'https://x.test/edited');
    const closing = tabFlows.closeActiveTab();
    expect(tabs.closing).toMatchObject({ name: 'Get user' });
    await answer('save');
    await closing;
    expect(mocked.saveRequest).toHaveBeenCalledWith(
      expect.objectContaining({ id: 13, url: 'https://x.test/edited' }),
    );
    expect(tabs.list).toEqual([]);
  });

  it('Discard drops the draft, then closes; an inactive tab asks with its draft name', async () => {
    await tabFlows.openRequestTab(13);
    editor.edit('name', 'Renamed');
    await tabFlows.openRequestTab(14);
    const closing = tabFlows.closeTab(0);
    expect(tabs.closing).toMatchObject({ name: 'Renamed' });
    await answer('discard');
    await closing;
    expect(mocked.discardDraft).toHaveBeenCalledWith(13);
    expect(tabs.list).toEqual([{ kind: 'request', id: 14 }]);
    expect(editor.stored?.id).toBe(14);
  });

  it('an unedited tab closes without asking', async () => {
    await tabFlows.openRequestTab(13);
    await tabFlows.closeActiveTab();
    expect(tabs.closing).toBeNull();
    expect(tabs.list).toEqual([]);
  });
});

describe('restore', () => {
  it('brings back the tabs, the active one and its draft, dropping tabs of deleted requests', async () => {
    mocked.getTabs.mockResolvedValue({
      tabs: [
        { kind: 'request', id: 13 },
        { kind: 'request', id: 99 },
        { kind: 'request', id: 14 },
      ],
      active: 2,
    });
    mocked.draftHeads.mockResolvedValue([{ requestId: 13, name: 'Get user', method: 'PATCH' }]);
    mocked.getDraft.mockImplementation(async (id) =>
      id === 14 ? { ...requestOf(14, 'Create user', 'POST'), url: 'https://x.test/draft' } : null,
    );
    await tabFlows.loadTabs(1);
    expect(tabs.list.map((t) => t.id)).toEqual([13, 14]);
    expect(tabs.active).toBe(1);
    expect(editor.stored?.url).toBe('');
    expect(editor.draft?.url).toBe('https://x.test/draft');
    expect(editor.isDirty).toBe(true);
    expect(tabFlows.tabViews()[0]).toMatchObject({ method: 'PATCH', isDirty: true });
  });
});

describe('drafts', () => {
  it('are written shortly after an edit, and dropped when the edit is undone', async () => {
    vi.useFakeTimers();
    try {
      editor.show(requestOf(13, 'Get user'));
      editor.edit('url', 'https://x.test/a');
      expect(mocked.saveDraft).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
      expect(mocked.saveDraft).toHaveBeenCalledWith(
        expect.objectContaining({ id: 13, url: 'https://x.test/a' }),
      );
      editor.edit('url', '');
      await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
      expect(mocked.discardDraft).toHaveBeenCalledWith(13);
      expect(mocked.saveRequest).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('Discard shows the request as saved and drops the stored draft', async () => {
    editor.show(requestOf(13, 'Get user'), { ...requestOf(13, 'Get user'), url: 'https://d' });
    expect(editor.isDirty).toBe(true);
    await editor.discard();
    expect(editor.draft?.url).toBe('');
    expect(editor.isDirty).toBe(false);
    expect(mocked.discardDraft).toHaveBeenCalledWith(13);
  });
});

describe('a collection tab', () => {
  const users = {
    id: 1,
    name: 'Users',
    auth: { mode: 'inherit', params: [] },
    settings: {},
    scripts: { preRequest: '', test: '' },
    variables: [],
  } as unknown as Collection;

  it('shows the collection settings in place of the editor, and asks before leaving edits', async () => {
    mocked.getCollection.mockResolvedValue(users);
    mocked.saveCollectionSettings.mockResolvedValue(users);
    mocked.variablesInScope.mockResolvedValue(null as never);
    await tabFlows.openRequestTab(13);
    await tabFlows.openTab({ kind: 'collection', id: 1 });
    expect(editor.stored).toBeNull();
    expect(settingsTab.subject).toMatchObject({ kind: 'collection', item: { name: 'Users' } });
    expect(tabFlows.tabViews()[1]).toEqual({
      key: 'collection-1',
      name: 'Users',
      method: null,
      isDirty: false,
    });

    settingsTab.setScripts({ preRequest: 'pm.x = 1;', test: '' });
    expect(tabFlows.tabViews()[1]?.isDirty).toBe(true);
    const kept = tabFlows.activateTab(0);
    await answer('cancel');
    await kept;
    expect(tabs.active).toBe(1);
    expect(settingsTab.isDirty).toBe(true);

    const saved = tabFlows.activateTab(0);
    await answer('save');
    await saved;
    expect(mocked.saveCollectionSettings).toHaveBeenCalledWith(
      1,
      expect.objectContaining({ scripts: { preRequest: 'pm.x = 1;', test: '' } }),
    );
    expect(editor.stored?.id).toBe(13);
    expect(settingsTab.subject).toBeNull();
  });
});

describe('start-up', () => {
  it('a tab opened while the stored tabs load is kept, not replaced by them', async () => {
    let release: (tabs: { tabs: []; active: null }) => void = () => {};
    mocked.getTabs.mockReturnValue(new Promise((resolve) => (release = resolve)));
    const loading = tabFlows.loadTabs(1);
    await tabFlows.openRequestTab(13);
    release({ tabs: [], active: null });
    await loading;
    expect(tabs.list).toEqual([{ kind: 'request', id: 13 }]);
    expect(editor.stored?.id).toBe(13);
  });
});
