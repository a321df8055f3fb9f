import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  matches,
  isCancelKey,
  isCloseTabShortcut,
  isEnvironmentShortcut,
  isLayoutShortcut,
  isNewTabShortcut,
  isReopenTabShortcut,
  tabCycleShortcut,
  isPlain,
  isSaveShortcut,
  isSendShortcut,
  moveShortcut,
  type KeyLike,
} from './shortcuts';

function key(k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('isSaveShortcut', () => {
  it('matches Ctrl+S and Cmd+S, with or without Caps Lock', () => {
    expect(isSaveShortcut(key('s', { ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key('S', { ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key('s', { metaKey: true }))).toBe(true);
  });

  it('ignores a plain s, other keys and other modifier mixes', () => {
    expect(isSaveShortcut(key('s'))).toBe(false);
    expect(isSaveShortcut(key('d', { ctrlKey: true }))).toBe(false);
    expect(isSaveShortcut(key('s', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSaveShortcut(key('s', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});

describe('isEnvironmentShortcut', () => {
  it('matches Ctrl+E and Cmd+E only', () => {
    expect(isEnvironmentShortcut(key('e', { ctrlKey: true }))).toBe(true);
    expect(isEnvironmentShortcut(key('E', { metaKey: true }))).toBe(true);
    expect(isEnvironmentShortcut(key('e'))).toBe(false);
    expect(isEnvironmentShortcut(key('e', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});

describe('moveShortcut', () => {
  it('maps Alt+ArrowUp and Alt+ArrowDown to a direction', () => {
    expect(moveShortcut(key('ArrowUp', { altKey: true }))).toBe('up');
    expect(moveShortcut(key('ArrowDown', { altKey: true }))).toBe('down');
  });

  it('needs Alt alone', () => {
    expect(moveShortcut(key('ArrowUp'))).toBeNull();
    expect(moveShortcut(key('ArrowUp', { altKey: true, shiftKey: true }))).toBeNull();
    expect(moveShortcut(key('ArrowLeft', { altKey: true }))).toBeNull();
  });
});

describe('isPlain', () => {
  it('is true only without modifiers', () => {
    expect(isPlain(key('a'))).toBe(true);
    expect(isPlain(key('a', { shiftKey: true }))).toBe(false);
  });
});

describe('isSendShortcut and isCancelKey', () => {
  it('sends on Ctrl+Enter or Cmd+Enter only', () => {
    expect(isSendShortcut(key('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key('Enter', { metaKey: true }))).toBe(true);
    expect(isSendShortcut(key('Enter'))).toBe(false);
    expect(isSendShortcut(key('Enter', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('cancels on a plain Escape', () => {
    expect(isCancelKey(key('Escape'))).toBe(true);
    expect(isCancelKey(key('Escape', { ctrlKey: true }))).toBe(false);
  });
});

describe('SHORTCUTS', () => {
  it('has one entry per id, each with keys and what it does', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SHORTCUTS) {
      expect(s.keys).not.toBe('');
      expect(s.does).not.toBe('');
    }
  });

  it('matches the palette, sheet, filter and undo keys', () => {
    expect(matches('palette', key('k', { ctrlKey: true }))).toBe(true);
    expect(matches('palette', key('K', { metaKey: true }))).toBe(true);
    expect(matches('palette', key('k'))).toBe(false);
    expect(matches('sheet', key('/', { ctrlKey: true }))).toBe(true);
    expect(matches('filter', key('F', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matches('filter', key('f', { ctrlKey: true }))).toBe(false);
    expect(matches('undo-delete', key('z', { ctrlKey: true }))).toBe(true);
  });

  it('describes keys no matcher is given for only as widget keys', () => {
    const unmatched = SHORTCUTS.filter((s) => !('match' in s)).map((s) => s.id);
    expect(unmatched).toEqual([
      'tree-move-focus',
      'tree-expand',
      'tree-open',
      'list-move',
      'list-run',
      'list-close',
    ]);
  });
});

describe('isLayoutShortcut', () => {
  it('matches Ctrl+Alt+V (Cmd+Alt+V) only', () => {
    expect(isLayoutShortcut(key('v', { ctrlKey: true, altKey: true }))).toBe(true);
    expect(isLayoutShortcut(key('V', { metaKey: true, altKey: true }))).toBe(true);
    expect(isLayoutShortcut(key('v', { ctrlKey: true })), 'paste').toBe(false);
    expect(isLayoutShortcut(key('v', { altKey: true }))).toBe(false);
    expect(isLayoutShortcut(key('v', { ctrlKey: true, altKey: true, shiftKey: true }))).toBe(false);
  });

  it('is listed in the sheet’s Window group', () => {
    expect(SHORTCUTS.find((s) => s.id === 'layout')).toMatchObject({
      keys: 'Ctrl+Alt+V',
      scope: 'Window',
    });
  });
});

describe('tab shortcuts', () => {
  it('tells new, close and reopen apart by Shift', () => {
    expect(isNewTabShortcut(key('t', { ctrlKey: true }))).toBe(true);
    expect(isNewTabShortcut(key('T', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isReopenTabShortcut(key('T', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isReopenTabShortcut(key('t', { ctrlKey: true }))).toBe(false);
    expect(isCloseTabShortcut(key('w', { ctrlKey: true }))).toBe(true);
    expect(isCloseTabShortcut(key('w'))).toBe(false);
    expect(isCloseTabShortcut(key('w', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('cycles forward and back with Ctrl+Tab, Ctrl+Shift+Tab and Ctrl+PageDown/PageUp', () => {
    expect(tabCycleShortcut(key('Tab', { ctrlKey: true }))).toBe(1);
    expect(tabCycleShortcut(key('Tab', { ctrlKey: true, shiftKey: true }))).toBe(-1);
    expect(tabCycleShortcut(key('PageDown', { ctrlKey: true }))).toBe(1);
    expect(tabCycleShortcut(key('PageUp', { ctrlKey: true }))).toBe(-1);
    expect(tabCycleShortcut(key('Tab'))).toBe(null);
    expect(tabCycleShortcut(key('Tab', { shiftKey: true }))).toBe(null);
  });
});
