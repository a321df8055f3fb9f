/**
 * Which rows of a long list to draw: the slice in view, plus a margin, and the empty space
 * standing for the rows above and below it. Every row has the same height except at most one,
 * the expanded row, whose height is measured. The tree's rows all have one height (it needs none
 * of this); the message timelines use it (`ScrollLog`).
 */

/** A list's rows and the part of it in view, in pixels from the top of its first row. */
export interface RowSpan {
  /** How many rows the list has. */
  count: number;
  /** The height of every row but the tall one. */
  rowHeight: number;
  /** The one row that may be taller (an expanded row): its place and height. */
  tall?: { at: number; height: number } | null;
  /** Where the view starts, and how high it is. */
  top: number;
  height: number;
  /** Rows drawn beyond each edge of the view, so a fast scroll shows no gap. */
  overscan: number;
}

/** The rows to draw, `first` up to (not including) `last`, and the space above and below. */
export interface RowWindow {
  first: number;
  last: number;
  before: number;
  after: number;
}

/** How much taller than the others the tall row is (0 when there is none). */
function extra(span: RowSpan): number {
  const tall = span.tall;
  if (!tall || tall.at < 0 || tall.at >= span.count) return 0;
  return Math.max(0, tall.height - span.rowHeight);
}

/** Where row `index` starts. */
export function rowTop(span: RowSpan, index: number): number {
  const tall = span.tall;
  const below = tall && index > tall.at ? extra(span) : 0;
  return index * span.rowHeight + below;
}

/** The height of all the rows. */
export function totalHeight(span: RowSpan): number {
  return span.count * span.rowHeight + extra(span);
}

/** The row at `y` (clamped to the list). */
export function rowAt(span: RowSpan, y: number): number {
  const { rowHeight, tall } = span;
  if (span.count === 0 || rowHeight <= 0) return 0;
  let index: number;
  const grown = extra(span);
  if (tall && grown > 0 && y >= tall.at * rowHeight) {
    const tallEnd = (tall.at + 1) * rowHeight + grown;
    index = y < tallEnd ? tall.at : tall.at + 1 + Math.floor((y - tallEnd) / rowHeight);
  } else {
    index = Math.floor(y / rowHeight);
  }
  return Math.min(span.count - 1, Math.max(0, index));
}

/** Where the view starts when it shows the end of the list. */
export function endTop(span: Omit<RowSpan, 'top'>): number {
  return Math.max(0, totalHeight({ ...span, top: 0 }) - span.height);
}

/** The rows of `span` to draw. */
export function rowWindow(span: RowSpan): RowWindow {
  if (span.count === 0) return { first: 0, last: 0, before: 0, after: 0 };
  const first = Math.max(0, rowAt(span, span.top) - span.overscan);
  const last = Math.min(span.count, rowAt(span, span.top + span.height) + 1 + span.overscan);
  const before = rowTop(span, first);
  return { first, last, before, after: totalHeight(span) - rowTop(span, last) };
}
