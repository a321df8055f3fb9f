/**
 * A response body open in the core's viewer (`open_document`): the rows in view, folds, search
 * and the jump to a match. The body never comes to the webview whole: the view asks for the
 * rows around the ones shown (`OVERSCAN` either side) and asks again when the user scrolls past
 * them, so a 50 MB body costs the webview a few hundred lines. While a big body is formatted
 * (seconds), its first rows show from `preview_document`, which reads only its first MiB.
 *
 * One per body view, created by the component showing it, which calls `close()` when it goes.
 */
import * as api from '../api';
import type { DocumentInfo } from '../bindings/DocumentInfo';
import type { Found } from '../bindings/Found';
import type { Line } from '../bindings/Line';
import type { Lines } from '../bindings/Lines';
import type { Match } from '../bindings/Match';
import type { OpenOptions } from '../bindings/OpenOptions';
import type { Preview } from '../bindings/Preview';
import type { Source } from '../bindings/Source';
import { mark } from '../trace';
import { toUiError } from '../ui-error';

/** Rows fetched beyond those in view, either side. */
export const OVERSCAN = 100;

export class DocumentView {
  info = $state<DocumentInfo | null>(null);
  /** The first rows, shown until `info` comes. */
  preview = $state<Preview | null>(null);
  error = $state('');
  isOpening = $state(false);
  /** The rows fetched (a window around those in view). */
  fetched = $state<Lines | null>(null);
  /** The first row in view. */
  first = $state(0);
  /** How many rows fit in view. */
  visible = $state(40);
  /** Bumped when the view must scroll to `first` itself (a jump to a match). */
  jumps = $state(0);
  query = $state('');
  isCaseSensitive = $state(false);
  found = $state<Found | null>(null);
  /** Index of the current match in `found.matches`, -1 when none. */
  current = $state(-1);
  searchError = $state('');
  /** Matches by line, for marking them. */
  byLine = $derived.by(() => {
    const lines: Record<number, Match[]> = {};
    for (const m of this.found?.matches ?? []) (lines[m.line] ??= []).push(m);
    return lines;
  });
  /** Rows in the document (in the preview, until it is open). */
  rowCount = $derived(this.info?.rows ?? this.preview?.lines.length ?? 0);
  /** Whether its rows are coloured as JSON. */
  isJson = $derived(this.info?.isJson ?? this.preview?.isJson ?? false);
  /** The rows in view, as far as they are fetched (or previewed). */
  rows = $derived.by((): Line[] => {
    const fetched = this.fetched;
    if (!fetched) {
      if (this.info || !this.preview) return [];
      return this.preview.lines.slice(this.first, this.first + this.visible);
    }
    const at = this.first - fetched.from;
    return fetched.lines.slice(Math.max(0, at), Math.max(0, at + this.visible));
  });

  readonly #source: Source;
  readonly #options: OpenOptions;
  #fetches = 0;
  #searches = 0;
  #closed = false;

  constructor(source: Source, options: OpenOptions) {
    this.#source = source;
    this.#options = options;
  }

  /** Opens the body in the core and fetches the first rows; shows its preview meanwhile. */
  async open(): Promise<void> {
    this.isOpening = true;
    const opening = api.openDocument(this.#source, this.#options);
    void this.#preview();
    try {
      const info = await opening;
      mark('document-opened');
      if (this.#closed) {
        void api.closeDocument(info.id);
        return;
      }
      this.info = info;
      this.error = '';
      await this.#fetch(this.first);
      this.preview = null;
      if (this.query !== '') await this.search(this.query);
    } catch (e) {
      this.error = toUiError(e).message;
    } finally {
      this.isOpening = false;
    }
  }

  async #preview(): Promise<void> {
    try {
      const preview = await api.previewDocument(this.#source, this.#options);
      if (this.info || this.#closed || preview.lines.length === 0) return;
      this.preview = preview;
      mark('document-previewed');
    } catch {
      // The open says what is wrong with the body.
    }
  }

  /** Lets the document go in the core. */
  close(): void {
    this.#closed = true;
    if (this.info) void api.closeDocument(this.info.id);
  }

  /** Shows `visible` rows from row `first`, fetching them when they are not held. */
  async show(first: number, visible: number): Promise<void> {
    const rows = this.rowCount;
    this.visible = Math.max(1, visible);
    this.first = Math.max(0, Math.min(first, rows - 1));
    if (!this.info) return;
    const held = this.fetched;
    const end = Math.min(this.first + this.visible, rows);
    if (held && held.from <= this.first && held.from + held.lines.length >= end) return;
    await this.#fetch(this.first);
  }

  async #fetch(first: number): Promise<void> {
    const info = this.info;
    if (!info) return;
    const seq = ++this.#fetches;
    const from = Math.max(0, first - OVERSCAN);
    try {
      const lines = await api.documentLines(info.id, from, this.visible + 2 * OVERSCAN);
      if (seq === this.#fetches) this.fetched = lines;
    } catch (e) {
      this.error = toUiError(e).message;
    }
  }

  async #refresh(info: DocumentInfo): Promise<void> {
    this.info = info;
    this.fetched = null;
    await this.#fetch(this.first);
  }

  /** Collapses the fold starting on `line`, or expands it. */
  async toggle(line: number): Promise<void> {
    if (!this.info) return;
    await this.#refresh(await api.toggleFold(this.info.id, line));
  }

  /** Collapses every fold, or expands them all. */
  async foldAll(collapse: boolean): Promise<void> {
    if (!this.info) return;
    this.first = 0;
    this.jumps += 1;
    await this.#refresh(await api.foldAll(this.info.id, collapse));
  }

  /** Searches the whole document; the first match at or after the view becomes current. */
  async search(query: string, isCaseSensitive = this.isCaseSensitive): Promise<void> {
    this.query = query;
    this.isCaseSensitive = isCaseSensitive;
    const info = this.info;
    if (!info) return;
    const seq = ++this.#searches;
    if (query === '') {
      this.found = null;
      this.current = -1;
      return;
    }
    try {
      const found = await api.searchDocument(info.id, query, isCaseSensitive);
      if (seq !== this.#searches) return;
      this.found = found;
      this.searchError = '';
      if (found.matches.length > 0) await this.goTo(0);
      else this.current = -1;
    } catch (e) {
      this.searchError = toUiError(e).message;
    }
  }

  /** Moves to the next match (`step` 1) or the previous one (-1), wrapping around. */
  async step(step: 1 | -1): Promise<void> {
    const count = this.found?.matches.length ?? 0;
    if (count === 0) return;
    await this.goTo((this.current + step + count) % count);
  }

  /** Makes match `index` current: opens the folds hiding it and scrolls it into view. */
  async goTo(index: number): Promise<void> {
    const match = this.found?.matches[index];
    const info = this.info;
    if (!match || !info) return;
    this.current = index;
    const [row, next] = await api.revealLine(info.id, match.line);
    const rowsChanged = next.rows !== info.rows;
    this.info = next;
    if (rowsChanged) this.fetched = null;
    this.first = Math.max(0, row - Math.floor(this.visible / 3));
    this.jumps += 1;
    await this.show(this.first, this.visible);
  }

  /** The current match, if any. */
  get currentMatch(): Match | undefined {
    return this.found?.matches[this.current];
  }
}
