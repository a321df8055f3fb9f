// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collections } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import { visibleRows, type Row } from '../../tree';
import type { RowHandlers } from './row-handlers';
import Tree from './Tree.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

type Handlers = { [K in keyof RowHandlers]: ReturnType<typeof vi.fn> };

function handlers(): Handlers {
  const names: (keyof RowHandlers)[] = [
    'onopen',
    'onaddrequest',
    'onaddfolder',
    'onrename',
    'onrenamed',
    'ondelete',
    'onduplicate',
    'onmove',
    'onmoveto',
    'oncopycurl',
    'oncode',
    'onexport',
    'onsettings',
    'onrun',
  ];
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as unknown as Handlers;
}

function tree(rows: Row[], on: Handlers, extra: Record<string, unknown> = {}): HTMLElement {
  shown = render(Tree, {
    rows,
    tabStop: rows[0]?.key ?? null,
    selected: null,
    renaming: null,
    focusRequests: 0,
    onactive: () => {},
    onexpand: () => {},
    oncollapse: () => {},
    ...on,
    ...extra,
  });
  return shown.target;
}

function rowEl(root: HTMLElement, key: string): HTMLElement {
  return root.querySelector<HTMLElement>(`[data-key="${key}"]`)!;
}

function press(el: HTMLElement, key: string, mods: KeyboardEventInit = {}) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }));
  flushSync();
}

const rows = visibleRows(collections(), new Set());

describe('Tree rows', () => {
  it('are compact: a method badge and the name, with few actions and a menu button', () => {
    const root = tree(rows, handlers());
    const request = rowEl(root, 'r:14');
    expect(request.querySelector('.badge')?.textContent).toBe('POST');
    expect(request.querySelectorAll('button')).toHaveLength(1);
    expect(request.querySelector('[data-testid="row-menu"]')?.getAttribute('aria-label')).toBe(
      'More actions for Create user',
    );
    const folder = rowEl(root, 'f:10');
    const hooks = [...folder.querySelectorAll('button')].map((b) => b.dataset.testid);
    expect(hooks).toEqual(['add-request', 'run', 'row-menu']);
  });

  it('keep only the rows in view in the DOM, and the tab stop', () => {
    const many: Row[] = Array.from({ length: 5000 }, (_, i) => ({
      ...rows[4]!,
      key: `r:${1000 + i}`,
      id: 1000 + i,
      index: i,
      siblings: 5000,
    }));
    const root = tree(many, handlers(), { tabStop: 'r:5999' });
    const shownRows = root.querySelectorAll('[role="treeitem"]');
    expect(shownRows.length).toBeLessThan(100);
    expect(rowEl(root, 'r:5999')).not.toBeNull();
    expect(root.querySelector<HTMLElement>('[role="tree"]')!.style.height).toBe(`${5000 * 26}px`);
  });
});

describe('Tree keys', () => {
  it('F2 starts a rename, Ctrl+D duplicates, Delete deletes, Alt+Right indents', () => {
    const on = handlers();
    const root = tree(rows, on);
    const request = rowEl(root, 'r:13');
    press(request, 'F2');
    expect(on.onrename).toHaveBeenCalledWith(expect.objectContaining({ key: 'r:13' }));
    press(request, 'd', { ctrlKey: true });
    expect(on.onduplicate).toHaveBeenCalledWith(expect.objectContaining({ key: 'r:13' }));
    press(request, 'Delete');
    expect(on.ondelete).toHaveBeenCalledWith(expect.objectContaining({ key: 'r:13' }));
    press(request, 'ArrowRight', { altKey: true });
    expect(on.onmoveto).toHaveBeenCalledWith(expect.objectContaining({ key: 'r:13' }), {
      kind: 'node',
      node: { kind: 'request', id: 13 },
      parent: { kind: 'folder', id: 10 },
      index: 2 ** 31 - 1,
    });
  });

  it('renames in place: Enter saves the typed name, Escape cancels', () => {
    const on = handlers();
    const root = tree(rows, on, { renaming: 'r:13' });
    const input = root.querySelector<HTMLInputElement>('[data-testid="rename-input"]')!;
    expect(input.value).toBe('Get user');
    expect(document.activeElement).toBe(input);
    input.value = 'Fetch user';
    press(input, 'Enter');
    expect(on.onrenamed).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'r:13' }),
      'Fetch user',
    );
    expect(on.onopen).not.toHaveBeenCalled();
  });

  it('cancels an in-place rename on Escape', () => {
    const on = handlers();
    const root = tree(rows, on, { renaming: 'c:1' });
    press(root.querySelector<HTMLInputElement>('[data-testid="rename-input"]')!, 'Escape');
    expect(on.onrenamed).toHaveBeenCalledWith(expect.objectContaining({ key: 'c:1' }), null);
  });
});

describe('Tree row menu', () => {
  function menuItems(): string[] {
    return [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].map(
      (b) => b.dataset.testid ?? '',
    );
  }

  it('opens on Shift+F10 with the entries of a request, focused on the first', () => {
    const root = tree(rows, handlers());
    press(rowEl(root, 'r:13'), 'F10', { shiftKey: true });
    expect(menuItems()).toEqual([
      'menu-open',
      'menu-rename',
      'menu-duplicate',
      'menu-copy-curl',
      'menu-code',
      'menu-delete',
    ]);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menu-open');
  });

  it('opens on right-click with the entries of a collection; arrows move, Enter chooses', () => {
    const on = handlers();
    const root = tree(rows, on);
    rowEl(root, 'c:1').dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }),
    );
    flushSync();
    expect(menuItems()).toEqual([
      'menu-add-request',
      'menu-add-folder',
      'menu-rename',
      'menu-duplicate',
      'menu-run',
      'menu-export',
      'menu-settings',
      'menu-delete',
    ]);
    const menu = document.querySelector<HTMLElement>('[role="menu"]')!;
    press(menu, 'End');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menu-delete');
    press(menu, 'ArrowDown');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menu-add-request');
    document.querySelector<HTMLButtonElement>('[data-testid="menu-duplicate"]')!.click();
    flushSync();
    expect(on.onduplicate).toHaveBeenCalledWith(expect.objectContaining({ key: 'c:1' }));
    expect(document.querySelector('[role="menu"]')).toBeNull();
  });

  it('closes on Escape without acting', () => {
    const on = handlers();
    const root = tree(rows, on);
    press(rowEl(root, 'f:10'), 'ContextMenu');
    press(document.querySelector<HTMLElement>('[role="menu"]')!, 'Escape');
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(Object.values(on).every((f) => f.mock.calls.length === 0)).toBe(true);
  });

  it('opens from the row’s More button', () => {
    const root = tree(rows, handlers());
    rowEl(root, 'r:14').querySelector<HTMLButtonElement>('[data-testid="row-menu"]')!.click();
    flushSync();
    expect(document.querySelector('[role="menu"]')?.getAttribute('aria-label')).toBe(
      'Actions for Create user',
    );
  });
});
