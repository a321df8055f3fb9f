/**
 * Drag and drop of tree rows on pointer events (WebDriver can drive them; native HTML5 drag
 * and drop it cannot). A press on a row that then moves 5 pixels starts a drag; over another
 * row the pointer's height on it picks before, after or inside (`tree-drop.ts`), shown on that
 * row; near the top or bottom edge the tree scrolls; releasing drops, Escape cancels. The click
 * that follows a drop's release is swallowed, so a drop never also opens the row.
 */
import type { Row } from '../../tree';
import { dropPlace, dropTarget, type DropPlace, type MoveTarget } from '../../tree-drop';

interface Drag {
  row: Row;
  x: number;
  y: number;
  started: boolean;
  over: { key: string; place: DropPlace; target: MoveTarget } | null;
}

export interface DragHost {
  /** The rows shown now. */
  rows: () => Row[];
  /** The `ul` holding the rows, and the box that scrolls it. */
  tree: () => HTMLElement;
  viewport: () => HTMLElement;
  rowHeight: number;
  ondrop: (row: Row, target: MoveTarget) => void;
}

/** How far the pointer moves before a press becomes a drag, in pixels. */
const THRESHOLD = 5;

export class TreeDrag {
  #drag = $state<Drag | null>(null);
  #swallowClick = false;
  #host: DragHost;

  constructor(host: DragHost) {
    this.#host = host;
  }

  /** Whether a drag is under way (past the threshold). */
  get isDragging(): boolean {
    return this.#drag?.started ?? false;
  }

  /** Where a drop on row `key` would go, while the pointer is over it. */
  placeOn(key: string): DropPlace | null {
    const drag = this.#drag;
    return drag?.started && drag.over?.key === key ? drag.over.place : null;
  }

  /** A pointer press on `row`: a drag may start (not from its buttons or rename input). */
  press(row: Row, e: PointerEvent): void {
    if (e.button !== 0 || (e.target as HTMLElement).closest('button, input')) return;
    this.#drag = { row, x: e.clientX, y: e.clientY, started: false, over: null };
    window.addEventListener('pointermove', this.#move);
    window.addEventListener('pointerup', this.#up);
    window.addEventListener('pointercancel', this.cancel);
  }

  /** Ends the drag without dropping (Escape, a cancelled pointer). */
  cancel = (): void => {
    this.#drag = null;
    window.removeEventListener('pointermove', this.#move);
    window.removeEventListener('pointerup', this.#up);
    window.removeEventListener('pointercancel', this.cancel);
  };

  /** Capture-phase click handler of the tree: drops the click a release just made. */
  swallowClick = (e: MouseEvent): void => {
    if (!this.#swallowClick) return;
    this.#swallowClick = false;
    e.stopPropagation();
    e.preventDefault();
  };

  #move = (e: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag) return;
    if (!drag.started) {
      if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < THRESHOLD) return;
      drag.started = true;
    }
    e.preventDefault();
    const { viewport, tree, rows, rowHeight } = this.#host;
    const view = viewport().getBoundingClientRect();
    if (e.clientY < view.top + rowHeight) viewport().scrollTop -= rowHeight / 2;
    else if (e.clientY > view.bottom - rowHeight) viewport().scrollTop += rowHeight / 2;
    const over = document
      .elementFromPoint(e.clientX, e.clientY)
      ?.closest<HTMLElement>('[data-key]');
    const row =
      over && tree().contains(over) ? rows().find((r) => r.key === over.dataset.key) : null;
    if (!over || !row) {
      drag.over = null;
      return;
    }
    const box = over.getBoundingClientRect();
    const place = dropPlace(drag.row, row, e.clientY - box.top, box.height);
    const target = dropTarget(rows(), drag.row, row, place);
    drag.over = target ? { key: row.key, place, target } : null;
  };

  #up = (): void => {
    const done = this.#drag;
    this.cancel();
    if (!done?.started) return;
    this.#swallowClick = true;
    setTimeout(() => (this.#swallowClick = false), 0);
    if (done.over) this.#host.ondrop(done.row, done.over.target);
  };
}
