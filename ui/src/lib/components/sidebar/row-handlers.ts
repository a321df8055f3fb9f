import type { Direction, Row } from '../../tree';

/** What the rows of the sidebar tree report upward: one callback per action on a row. */
export interface RowHandlers {
  /** Enter or click on a request row. */
  onopen: (row: Row) => void;
  onaddrequest: (row: Row) => void;
  onaddfolder: (row: Row) => void;
  onrename: (row: Row) => void;
  ondelete: (row: Row) => void;
  onmove: (row: Row, direction: Direction) => void;
  /** A collection row's Export action. */
  onexport: (row: Row) => void;
  /** A collection or folder row's Settings action (auth, settings, scripts). */
  onsettings: (row: Row) => void;
  /** A collection or folder row's Run action: opens the Runner on it. */
  onrun: (row: Row) => void;
}
