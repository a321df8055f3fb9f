/**
 * The scrolling of a long, growing log of rows (a socket's frames, a gRPC call's messages, a
 * Socket.IO session's events), drawn virtualised: only the rows in view are in the DOM
 * (`row-window.ts`), so a flood of thousands of messages redraws a few dozen rows, not all of
 * them. While the view is at the end it follows the newest rows as they come; scrolled up, it
 * stays where the user put it. Row heights are measured from the rows drawn (the font size is a
 * preference), the expanded row's separately: after each redraw, and whenever the rows' box
 * changes size without one (an expanded row re-wrapping as the pane narrows, a font size change).
 */
import { endTop, rowWindow, type RowSpan, type RowWindow } from './row-window';

/** The elements a log measures, as drawn now. */
export interface Drawn {
  /** A plain (not expanded) row. */
  row?: Element | null;
  /** The expanded row. */
  tall?: Element | null;
  /** A header above the rows, inside the scrolling box. */
  head?: Element | null;
}

export interface LogRows {
  /** How many rows the log has. */
  count: () => number;
  /** The place of the expanded row among them, or -1 (`expanded` says which it is). */
  expandedAt: () => number;
  /** The box that scrolls the rows, once drawn. */
  box: () => HTMLElement | undefined;
  /** Finds the rows to measure in `box`. */
  drawn: (box: HTMLElement) => Drawn;
  /** The rows drawn now: read, so that each redraw settles the view. */
  redrawn: () => unknown;
}

/** Row height before one is measured (a test DOM measures none). */
const ROW = 24;
/** The view's height before it is measured: a window's worth. */
const VIEW = 800;
/** Rows drawn beyond each edge of the view. */
const OVERSCAN = 8;
/** Measures that differ by less than this many pixels are the same. */
const SAME = 0.5;

export class ScrollLog {
  /** The height of the scrolling box; bound to its `clientHeight`. */
  view = $state(0);
  /** Whether the view keeps the newest rows in sight (it is at the end). */
  follow = $state(true);
  /** The key of the one expanded row, if any. */
  expanded = $state<number | null>(null);
  #top = $state(0);
  #head = $state(0);
  #row = $state(ROW);
  #tall = $state(0);
  #rows: LogRows;
  #box: HTMLElement | null = null;

  /** Made while a component initialises: it follows the component's box and redraws. */
  constructor(rows: LogRows) {
    this.#rows = rows;
    $effect(() => {
      const box = rows.box();
      if (box) return this.#attach(box);
    });
    // After each redraw: measure what was drawn, and keep the newest in view while following.
    $effect(() => {
      void rows.redrawn();
      this.#settle();
    });
  }

  /** Expands the row with `key`, or folds it when it is the expanded one. */
  toggle(key: number): void {
    this.expanded = this.expanded === key ? null : key;
    this.#tall = 0;
  }

  #span(): Omit<RowSpan, 'top'> {
    const at = this.#rows.expandedAt();
    return {
      count: this.#rows.count(),
      rowHeight: this.#row,
      tall: at >= 0 && this.#tall > 0 ? { at, height: this.#tall } : null,
      height: Math.max(this.#row, (this.view || VIEW) - this.#head),
      overscan: OVERSCAN,
    };
  }

  /** The rows to draw and the space standing for the others. */
  readonly window: RowWindow = $derived.by(() => {
    const span = this.#span();
    return rowWindow({ ...span, top: this.follow ? endTop(span) : this.#top });
  });

  /** The box scrolled (by the user, or by following): where it is, and whether at the end. */
  scrolled(box: HTMLElement): void {
    this.#top = Math.max(0, box.scrollTop - this.#head);
    this.follow = box.scrollTop + box.clientHeight >= box.scrollHeight - 2;
  }

  /**
   * Measures `box`'s rows from now on, also when its content changes size without a redraw.
   * Returns the cleanup.
   */
  #attach(box: HTMLElement): () => void {
    this.#box = box;
    const content = box.firstElementChild;
    if (typeof ResizeObserver === 'undefined' || !content) return () => (this.#box = null);
    const observer = new ResizeObserver(() => this.#settle());
    observer.observe(content);
    return () => {
      observer.disconnect();
      this.#box = null;
    };
  }

  /**
   * After a redraw: measures a plain row, the expanded row and the header when they are drawn,
   * and scrolls to the end while following.
   */
  #settle(): void {
    const box = this.#box;
    if (!box) return;
    const drawn = this.#rows.drawn(box);
    const measure = (el: Element | null | undefined) => el?.getBoundingClientRect().height ?? 0;
    const row = measure(drawn.row);
    if (row > 0 && Math.abs(row - this.#row) > SAME) this.#row = row;
    const tall = measure(drawn.tall);
    if (tall > 0 && Math.abs(tall - this.#tall) > SAME) this.#tall = tall;
    const head = measure(drawn.head);
    if (Math.abs(head - this.#head) > SAME) this.#head = head;
    if (this.follow) box.scrollTop = box.scrollHeight;
  }
}
