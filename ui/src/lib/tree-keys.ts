/**
 * What a key pressed on a tree row does, following the WAI-ARIA tree view pattern: arrows move
 * focus and expand or collapse, Home and End jump, Enter activates. Alt+Up/Down move the row
 * among its siblings and Alt+Left/Right out of or into a folder, F2 renames (in place), Ctrl+D
 * duplicates, Delete deletes, and the Menu key or Shift+F10 opens the row's menu. The keys are
 * `SHORTCUTS`' (`shortcuts.ts`). Pure, so the whole map is unit tested.
 */
import { isPlain, matches, moveShortcut, type KeyLike } from './shortcuts';
import type { Direction, Row } from './tree';

export type TreeCommand =
  | { type: 'focus'; key: string }
  | { type: 'expand'; key: string }
  | { type: 'collapse'; key: string }
  | { type: 'activate'; row: Row }
  | { type: 'move'; row: Row; direction: Direction }
  | { type: 'rename'; row: Row }
  | { type: 'delete'; row: Row }
  | { type: 'duplicate'; row: Row }
  | { type: 'menu'; row: Row }
  | { type: 'indent'; row: Row }
  | { type: 'outdent'; row: Row };

/** The command for `e` pressed on the row `key` among the visible `rows`, or `null`. */
export function treeCommand(rows: Row[], key: string, e: KeyLike): TreeCommand | null {
  const at = rows.findIndex((r) => r.key === key);
  const row = rows[at];
  if (!row) return null;

  const direction = moveShortcut(e);
  if (direction) return { type: 'move', row, direction };
  if (matches('tree-indent', e)) return { type: 'indent', row };
  if (matches('tree-outdent', e)) return { type: 'outdent', row };
  if (matches('tree-duplicate', e)) return { type: 'duplicate', row };
  if (matches('tree-menu', e)) return { type: 'menu', row };
  if (!isPlain(e)) return null;

  const focus = (target: Row | undefined): TreeCommand | null =>
    target ? { type: 'focus', key: target.key } : null;

  switch (e.key) {
    case 'ArrowDown':
      return focus(rows[at + 1]);
    case 'ArrowUp':
      return focus(rows[at - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowRight':
      if (!row.expandable) return null;
      if (!row.expanded) return { type: 'expand', key: row.key };
      // Open: the first child, if any, is the next row.
      return rows[at + 1]?.parentKey === row.key ? focus(rows[at + 1]) : null;
    case 'ArrowLeft':
      if (row.expandable && row.expanded) return { type: 'collapse', key: row.key };
      return focus(rows.find((r) => r.key === row.parentKey));
    case 'Enter':
      return { type: 'activate', row };
    case 'F2':
      return { type: 'rename', row };
    case 'Delete':
      return { type: 'delete', row };
    default:
      return null;
  }
}
