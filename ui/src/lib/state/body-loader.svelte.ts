/**
 * Reading a response body too large to hold: the head arrived with the response; `more()` asks
 * the core for the next chunk of the saved file and appends it, `earlier()` reads back the
 * chunk before the window. At most `MAX_SHOWN` bytes are held at once: past it, the chunks at
 * the other end are let go. So every byte of a 100 MB body can be read in the app, and it
 * never lands in the webview whole.
 *
 * One loader per truncated text body, created by the component showing it.
 */
import * as api from '../api';
import type { Payload } from '../bindings/Payload';
import { toUiError } from '../ui-error';

/** Bytes asked for per chunk. */
export const CHUNK = 1024 * 1024;

/** Most bytes of a body held and shown at once. */
export const MAX_SHOWN = 16 * 1024 * 1024;

/** One chunk read: its text and where it starts and ends in the body, in bytes. */
interface Piece {
  start: number;
  next: number;
  text: string;
}

export class BodyLoader {
  /** The chunks held, in body order. */
  #pieces = $state<Piece[]>([]);
  /** Every chunk boundary met so far, by start: where `earlier()` reads from. */
  readonly #known: { start: number; next: number }[] = [];
  /** Whether the last piece held reaches the end of the body. */
  #atEnd = $state(false);
  isLoading = $state(false);
  error = $state('');
  readonly #file: string | null;
  readonly #isText: boolean;
  readonly size: number;

  constructor(body: Payload) {
    this.#file = body.file;
    this.size = body.size;
    this.#isText = body.content.encoding === 'text';
    const text = body.content.encoding === 'text' ? body.content.text : '';
    const next = new TextEncoder().encode(text).length;
    this.#pieces = [{ start: 0, next, text }];
    this.#known.push({ start: 0, next });
    this.#atEnd = !body.isTruncated;
  }

  /** The text held: the window's chunks joined. */
  get text(): string {
    return this.#pieces.map((p) => p.text).join('');
  }

  /** Where the window starts, in bytes. */
  get start(): number {
    return this.#pieces[0]?.start ?? 0;
  }

  /** Where the window ends (also where the next chunk starts), in bytes. */
  get shown(): number {
    return this.#pieces.at(-1)?.next ?? 0;
  }

  /** Whether the whole body is held. */
  get isComplete(): boolean {
    return !this.#isText || (this.start === 0 && this.#atEnd);
  }

  /** Whether a later chunk may be read. */
  get canLoadMore(): boolean {
    return this.#isText && !this.#atEnd && this.#file !== null;
  }

  /** Whether an earlier chunk (let go to keep the window small) may be read back. */
  get canLoadEarlier(): boolean {
    return this.#isText && this.start > 0 && this.#file !== null;
  }

  /** Reads the chunk after the window, letting go of the first ones past `MAX_SHOWN`. */
  async more(): Promise<void> {
    if (!this.canLoadMore) return;
    const from = this.shown;
    await this.#read(from, CHUNK, (piece, isLast) => {
      const pieces = [...this.#pieces, piece];
      while (pieces.length > 1 && piece.next - (pieces[0]?.start ?? 0) > MAX_SHOWN) pieces.shift();
      this.#pieces = pieces;
      this.#atEnd = isLast;
    });
  }

  /** Reads back the chunk before the window, letting go of the last ones past `MAX_SHOWN`. */
  async earlier(): Promise<void> {
    if (!this.canLoadEarlier) return;
    const end = this.start;
    const from = this.#known.find((k) => k.next === end)?.start ?? Math.max(0, end - CHUNK);
    await this.#read(from, end - from, (piece) => {
      const pieces = [piece, ...this.#pieces];
      let dropped = false;
      while (pieces.length > 1 && (pieces.at(-1)?.next ?? 0) - piece.start > MAX_SHOWN) {
        pieces.pop();
        dropped = true;
      }
      this.#pieces = pieces;
      if (dropped) this.#atEnd = false;
    });
  }

  async #read(
    from: number,
    limit: number,
    place: (piece: Piece, isLast: boolean) => void,
  ): Promise<void> {
    const file = this.#file;
    if (this.isLoading || file === null) return;
    this.isLoading = true;
    try {
      const chunk = await api.readBodyChunk(file, from, limit);
      if (chunk.content.encoding !== 'text') {
        this.error = 'The rest of the body is not text: save it to a file to see it.';
        return;
      }
      this.#known.push({ start: from, next: chunk.next });
      place({ start: from, next: chunk.next, text: chunk.content.text }, chunk.isLast);
      this.error = '';
    } catch (e) {
      this.error = toUiError(e).message;
    } finally {
      this.isLoading = false;
    }
  }
}
