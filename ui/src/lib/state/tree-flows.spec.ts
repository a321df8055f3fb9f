import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Collection } from '../bindings/Collection';
import { requestOf, treeOf, workspaceOf } from '../testing/fixtures';
import type { Row } from '../tree';
import { alerts } from './alerts.svelte';
import { editor } from './editor.svelte';
import { pendingDelete, UNDO_MS } from './pending-delete.svelte';
import * as treeFlows from './tree-flows.svelte';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);
const home = workspaceOf(1, 'Home');

function row(key: string): Row {
  const found = treeView.rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

const keys = () => treeView.rows.map((r) => r.key);

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  editor.close();
  pendingDelete.undo();
  treeView.collapsed.clear();
  treeView.hidden.clear();
  treeView.query = '';
  treeView.active = null;
  workspace.workspaces = [home];
  workspace.currentId = 1;
  workspace.tree = treeOf(home);
  mocked.workspaceTree.mockResolvedValue(treeOf(home));
});

afterEach(() => vi.useRealTimers());

describe('delete with Undo', () => {
  it('hides the row at once, deletes nothing, and Undo brings it back focused', async () => {
    await treeFlows.remove(row('f:10'));
    expect(keys()).toEqual(['c:1', 'r:13', 'r:14', 'c:2']);
    expect(treeView.active).toBe('r:13');
    expect(pendingDelete.row?.name).toBe('Admin');
    treeFlows.undoDelete();
    expect(keys()).toEqual(['c:1', 'f:10', 'f:11', 'r:12', 'r:13', 'r:14', 'c:2']);
    expect(treeView.active).toBe('f:10');
    expect(mocked.deleteNode).not.toHaveBeenCalled();
  });

  it('deletes from the store when the notice expires, then closes the editor', async () => {
    vi.useFakeTimers();
    mocked.deleteNode.mockResolvedValue([]);
    const without = treeOf(home);
    without.collections[0]!.children.shift();
    mocked.workspaceTree.mockResolvedValue(without);
    editor.show(requestOf(12, 'List admins'));
    await treeFlows.remove(row('f:10'));
    await vi.advanceTimersByTimeAsync(UNDO_MS - 100);
    expect(mocked.deleteNode).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(mocked.deleteNode).toHaveBeenCalledWith({ kind: 'folder', id: 10 });
    expect(pendingDelete.row).toBeNull();
    expect(treeView.hidden.size).toBe(0);
    expect(editor.stored).toBeNull();
    treeFlows.undoDelete(); // too late: nothing to undo
    expect(keys()).toEqual(['c:1', 'r:13', 'r:14', 'c:2']);
  });

  it('carries out a pending delete at once when another starts', async () => {
    mocked.deleteNode.mockResolvedValue([]);
    mocked.deleteCollection.mockResolvedValue(['a keychain entry stayed']);
    await treeFlows.remove(row('r:13'));
    await treeFlows.remove(row('c:2'));
    expect(mocked.deleteNode).toHaveBeenCalledWith({ kind: 'request', id: 13 });
    expect(mocked.deleteCollection).not.toHaveBeenCalled();
    await pendingDelete.commit();
    expect(mocked.deleteCollection).toHaveBeenCalledWith(2);
    expect(alerts.items.map((a) => a.error.message)).toEqual(['a keychain entry stayed']);
  });
});

describe('rename in place', () => {
  it('renames a collection or a node, mirrors a request in the editor, keeps the focus', async () => {
    mocked.renameCollection.mockResolvedValue({ id: 1 } as Collection);
    mocked.renameNode.mockResolvedValue(null);
    treeFlows.startRename(row('c:1'));
    expect(treeView.renaming).toBe('c:1');
    await treeFlows.finishRename(row('c:1'), ' People ');
    expect(mocked.renameCollection).toHaveBeenCalledWith(1, 'People');
    expect(treeView.renaming).toBeNull();

    editor.show(requestOf(13, 'Get user'));
    await treeFlows.finishRename(row('r:13'), 'Fetch user');
    expect(mocked.renameNode).toHaveBeenCalledWith({ kind: 'request', id: 13 }, 'Fetch user');
    expect(editor.draft?.name).toBe('Fetch user');
    expect(treeView.active).toBe('r:13');
  });

  it('writes nothing when cancelled, emptied or unchanged', async () => {
    await treeFlows.finishRename(row('r:13'), null);
    await treeFlows.finishRename(row('r:13'), '   ');
    await treeFlows.finishRename(row('r:13'), 'Get user');
    expect(mocked.renameNode).not.toHaveBeenCalled();
  });
});

describe('duplicate and move', () => {
  it('duplicates and focuses the copy', async () => {
    mocked.duplicateItem.mockResolvedValue({ kind: 'folder', id: 99 });
    await treeFlows.duplicate(row('f:10'));
    expect(mocked.duplicateItem).toHaveBeenCalledWith({ kind: 'folder', id: 10 });
    expect(treeView.active).toBe('f:99');
    expect(treeFlows.notice.text).toBe('Duplicated "Admin"');
  });

  it('moves a request into a folder, opening it, and keeps the focus on the row', async () => {
    mocked.moveNode.mockResolvedValue(null);
    treeView.collapse('f:10');
    await treeFlows.moveTo(row('r:13'), {
      kind: 'node',
      node: { kind: 'request', id: 13 },
      parent: { kind: 'folder', id: 10 },
      index: 5,
    });
    expect(mocked.moveNode).toHaveBeenCalledWith(
      { kind: 'request', id: 13 },
      { kind: 'folder', id: 10 },
      5,
    );
    expect(treeView.collapsed.has('f:10')).toBe(false);
    expect(treeView.active).toBe('r:13');
  });

  it('copies a request as cURL through the core', async () => {
    mocked.requestSnippet.mockResolvedValue("curl 'http://x.test'");
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await treeFlows.copyCurl(row('r:13'));
    expect(mocked.requestSnippet).toHaveBeenCalledWith(13, 'curl');
    expect(writeText).toHaveBeenCalledWith("curl 'http://x.test'");
    expect(treeFlows.notice.text).toBe('Copied "Get user" as cURL');
    vi.unstubAllGlobals();
  });
});
