import { beforeEach, describe, expect, it } from 'vitest';
import { treeOf, workspaceOf } from '../testing/fixtures';
import { TreeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

beforeEach(() => {
  workspace.tree = treeOf(workspaceOf(1, 'Home'));
});

describe('TreeView', () => {
  it('shows every row expanded until one is collapsed', () => {
    const view = new TreeView();
    expect(view.rows).toHaveLength(7);
    view.toggle('c:1');
    expect(view.rows.map((r) => r.key)).toEqual(['c:1', 'c:2']);
    view.toggle('c:1');
    expect(view.rows).toHaveLength(7);
  });

  it('has one tab stop: the active row while visible, else the first row', () => {
    const view = new TreeView();
    expect(view.tabStop).toBe('c:1');
    view.active = 'r:12';
    expect(view.tabStop).toBe('r:12');
    view.collapse('f:10');
    expect(view.tabStop).toBe('c:1');
    view.expand('f:10');
    expect(view.tabStop).toBe('r:12');
  });

  it('follows the workspace tree as it changes', () => {
    const view = new TreeView();
    workspace.tree = treeOf(workspaceOf(1, 'Home'), []);
    expect(view.rows).toEqual([]);
    expect(view.tabStop).toBeNull();
  });

  it('asks for focus on a row', () => {
    const view = new TreeView();
    view.requestFocus('r:14');
    expect(view.active).toBe('r:14');
    expect(view.focusRequests).toBe(1);
    expect(view.neighbourOf('r:14')).toBe('c:2');
  });
});
