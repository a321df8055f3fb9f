import { describe, expect, it } from 'vitest';
import type { KeyLike } from './shortcuts';
import { collections } from './testing/fixtures';
import { visibleRows } from './tree';
import { treeCommand } from './tree-keys';

function key(k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

// c:1 > f:10 > (f:11, r:12), r:13, r:14; c:2
const rows = visibleRows(collections(), new Set(['f:11']));
const collapsedAdmin = visibleRows(collections(), new Set(['f:10']));

describe('treeCommand', () => {
  it('moves focus down and up through the visible rows, stopping at the ends', () => {
    expect(treeCommand(rows, 'c:1', key('ArrowDown'))).toEqual({ type: 'focus', key: 'f:10' });
    expect(treeCommand(rows, 'r:12', key('ArrowDown'))).toEqual({ type: 'focus', key: 'r:13' });
    expect(treeCommand(rows, 'r:13', key('ArrowUp'))).toEqual({ type: 'focus', key: 'r:12' });
    expect(treeCommand(rows, 'c:1', key('ArrowUp'))).toBeNull();
    expect(treeCommand(rows, 'c:2', key('ArrowDown'))).toBeNull();
  });

  it('jumps to the first and last row with Home and End', () => {
    expect(treeCommand(rows, 'r:13', key('Home'))).toEqual({ type: 'focus', key: 'c:1' });
    expect(treeCommand(rows, 'r:13', key('End'))).toEqual({ type: 'focus', key: 'c:2' });
  });

  it('expands a closed row on ArrowRight, then enters its first child', () => {
    expect(treeCommand(collapsedAdmin, 'f:10', key('ArrowRight'))).toEqual({
      type: 'expand',
      key: 'f:10',
    });
    expect(treeCommand(rows, 'f:10', key('ArrowRight'))).toEqual({ type: 'focus', key: 'f:11' });
  });

  it('does nothing on ArrowRight for a request or an open empty folder', () => {
    expect(treeCommand(rows, 'r:13', key('ArrowRight'))).toBeNull();
    const open = visibleRows(collections(), new Set());
    expect(treeCommand(open, 'f:11', key('ArrowRight'))).toBeNull();
  });

  it('collapses an open row on ArrowLeft, else goes to its parent', () => {
    expect(treeCommand(rows, 'f:10', key('ArrowLeft'))).toEqual({
      type: 'collapse',
      key: 'f:10',
    });
    expect(treeCommand(rows, 'r:12', key('ArrowLeft'))).toEqual({ type: 'focus', key: 'f:10' });
    expect(treeCommand(rows, 'f:11', key('ArrowLeft'))).toEqual({ type: 'focus', key: 'f:10' });
    const closed = visibleRows(collections(), new Set(['c:2']));
    expect(treeCommand(closed, 'c:2', key('ArrowLeft'))).toBeNull();
  });

  it('activates on Enter, renames on F2 and deletes on Delete', () => {
    expect(treeCommand(rows, 'r:13', key('Enter'))).toMatchObject({
      type: 'activate',
      row: { key: 'r:13' },
    });
    expect(treeCommand(rows, 'f:10', key('F2'))).toMatchObject({
      type: 'rename',
      row: { key: 'f:10' },
    });
    expect(treeCommand(rows, 'c:2', key('Delete'))).toMatchObject({
      type: 'delete',
      row: { key: 'c:2' },
    });
  });

  it('moves the row on Alt+arrows instead of moving focus', () => {
    expect(treeCommand(rows, 'r:13', key('ArrowUp', { altKey: true }))).toMatchObject({
      type: 'move',
      direction: 'up',
      row: { key: 'r:13', index: 1 },
    });
    expect(treeCommand(rows, 'r:13', key('ArrowDown', { altKey: true }))).toMatchObject({
      type: 'move',
      direction: 'down',
    });
  });

  it('moves out of and into folders on Alt+Left and Alt+Right', () => {
    expect(treeCommand(rows, 'r:12', key('ArrowLeft', { altKey: true }))).toMatchObject({
      type: 'outdent',
      row: { key: 'r:12' },
    });
    expect(treeCommand(rows, 'r:13', key('ArrowRight', { altKey: true }))).toMatchObject({
      type: 'indent',
      row: { key: 'r:13' },
    });
  });

  it('duplicates on Ctrl+D and opens the menu on the Menu key or Shift+F10', () => {
    expect(treeCommand(rows, 'r:13', key('d', { ctrlKey: true }))).toMatchObject({
      type: 'duplicate',
    });
    expect(treeCommand(rows, 'r:13', key('ContextMenu'))).toMatchObject({ type: 'menu' });
    expect(treeCommand(rows, 'r:13', key('F10', { shiftKey: true }))).toMatchObject({
      type: 'menu',
    });
    expect(treeCommand(rows, 'r:13', key('F10'))).toBeNull();
  });

  it('leaves other modified keys and unknown rows alone', () => {
    expect(treeCommand(rows, 'r:13', key('ArrowDown', { ctrlKey: true }))).toBeNull();
    expect(treeCommand(rows, 'r:13', key('Enter', { shiftKey: true }))).toBeNull();
    expect(treeCommand(rows, 'r:13', key('x'))).toBeNull();
    expect(treeCommand(rows, 'r:99', key('ArrowDown'))).toBeNull();
  });
});
