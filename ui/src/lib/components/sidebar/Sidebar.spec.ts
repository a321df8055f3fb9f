// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collections, workspaceOf } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import { visibleRows } from '../../tree';
import { filteredRows } from '../../tree-filter';
import Sidebar from './Sidebar.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const none = () => {};

function sidebar(overrides: Record<string, unknown> = {}): HTMLElement {
  shown = render(Sidebar, {
    workspaces: [workspaceOf(1, 'Home')],
    currentId: 1,
    loaded: true,
    rows: [],
    tabStop: null,
    selected: null,
    renaming: null,
    focusRequests: 0,
    query: '',
    onquery: none,
    deleted: null,
    notice: '',
    onundo: none,
    onfocustree: none,
    onselectworkspace: () => Promise.resolve(),
    oncreateworkspace: none,
    onrenameworkspace: none,
    ondeleteworkspace: none,
    onclassifyworkspace: none,
    oncookies: none,
    onnewcollection: none,
    onnewrequest: none,
    onimport: none,
    onrunner: none,
    onactive: none,
    onexpand: none,
    oncollapse: none,
    onopen: none,
    onaddrequest: none,
    onaddfolder: none,
    onrename: none,
    onrenamed: none,
    ondelete: none,
    onduplicate: none,
    onmove: none,
    onmoveto: none,
    oncopycurl: none,
    oncode: none,
    onexport: none,
    onsettings: none,
    onrun: none,
    ...overrides,
  });
  return shown.target;
}

describe('Sidebar', () => {
  it('has a New request button before any collection exists (issue 12)', () => {
    const onnewrequest = vi.fn();
    const root = sidebar({ onnewrequest });
    expect(root.textContent).toContain('No collections yet.');
    root.querySelector<HTMLButtonElement>('[data-testid="new-request"]')!.click();
    expect(onnewrequest).toHaveBeenCalledOnce();
  });

  it('reports filter text, clears it on Escape and goes to the tree on ArrowDown', () => {
    const onquery = vi.fn();
    const onfocustree = vi.fn();
    const rows = filteredRows(collections(), 'admin')!;
    const root = sidebar({ rows, query: 'admin', onquery, onfocustree });
    const input = root.querySelector<HTMLInputElement>('[data-testid="tree-filter"]')!;
    expect(input.value).toBe('admin');
    input.value = 'admins';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onquery).toHaveBeenLastCalledWith('admins');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onquery).toHaveBeenLastCalledWith('');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(onfocustree).toHaveBeenCalledOnce();
    // The matches are marked in the names that hold them.
    const marks = [...root.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['Admin', 'admin']);
    expect(root.querySelector('[role="status"]')?.textContent).toContain('4 rows match');
  });

  it('says when nothing matches', () => {
    const root = sidebar({ rows: [], query: 'zzz' });
    expect(root.textContent).toContain('Nothing matches “zzz”.');
    expect(root.textContent).not.toContain('No collections yet.');
  });

  it('offers Undo while a delete is pending', () => {
    const onundo = vi.fn();
    const root = sidebar({
      rows: visibleRows(collections(), new Set()),
      deleted: 'Get user',
      onundo,
    });
    expect(root.querySelector('[data-testid="undo-toast"]')?.textContent).toContain(
      'Deleted “Get user”',
    );
    root.querySelector<HTMLButtonElement>('[data-testid="undo-delete"]')!.click();
    flushSync();
    expect(onundo).toHaveBeenCalledOnce();
  });
});
