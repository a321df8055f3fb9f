import type { Direction, Row } from '../../tree';
import type { MoveTarget } from '../../tree-drop';

/** What the rows of the sidebar tree report upward: one callback per action on a row. */
export interface RowHandlers {
  /** Enter or click on a request row. */
  onopen: (row: Row) => void;
  onaddrequest: (row: Row) => void;
  onaddfolder: (row: Row) => void;
  /** F2 or the menu's Rename: start editing the name in place. */
  onrename: (row: Row) => void;
  /** The in-place rename ended: the name typed, or `null` when cancelled. */
  onrenamed: (row: Row, name: string | null) => void;
  ondelete: (row: Row) => void;
  /** Ctrl+D or the menu's Duplicate. */
  onduplicate: (row: Row) => void;
  onmove: (row: Row, direction: Direction) => void;
  /** A drop, or Alt+Left/Right: the row goes to `target`. */
  onmoveto: (row: Row, target: MoveTarget) => void;
  /** A request row's Copy as cURL. */
  oncopycurl: (row: Row) => void;
  /** A request row's Export as code (the Code dialog). */
  oncode: (row: Row) => void;
  /** A collection row's Export action. */
  onexport: (row: Row) => void;
  /** A collection or folder row's Settings action (auth, settings, scripts). */
  onsettings: (row: Row) => void;
  /** A collection or folder row's Run action: opens the Runner on it. */
  onrun: (row: Row) => void;
}
