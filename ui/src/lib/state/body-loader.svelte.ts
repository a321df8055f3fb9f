/**
 * "Load more" for a response body too large to hold: the head arrived with the response; each
 * `more()` asks the core for the next chunk of the saved file and appends it, up to
 * `MAX_SHOWN` bytes in all, so a 100 MB body never lands in the webview whole.
 *
 * One loader per truncated text body, created by the component showing it.
 */
import * as api from '../api';
import type { Payload } from '../bindings/Payload';
import { toUiError } from '../ui-error';

/** Bytes asked for per chunk. */
export const CHUNK = 1024 * 1024;

/** Most bytes of a body ever shown; past it, save the body to a file. */
export const MAX_SHOWN = 16 * 1024 * 1024;

export class BodyLoader {
  /** The text shown: the head, then every chunk loaded. */
  text = $state('');
  /** Bytes shown so far (also where the next chunk starts). */
  shown = $state(0);
  isLoading = $state(false);
  isComplete = $state(false);
  error = $state('');
  readonly #file: string | null;
  readonly size: number;

  constructor(body: Payload) {
    this.#file = body.file;
    this.size = body.size;
    this.text = body.content.encoding === 'text' ? body.content.text : '';
    this.shown = new TextEncoder().encode(this.text).length;
    this.isComplete = !body.isTruncated || body.content.encoding !== 'text';
  }

  /** Whether another chunk may be loaded. */
  get canLoadMore(): boolean {
    return !this.isComplete && this.#file !== null && this.shown < MAX_SHOWN;
  }

  async more(): Promise<void> {
    const file = this.#file;
    if (!this.canLoadMore || this.isLoading || file === null) return;
    this.isLoading = true;
    try {
      const chunk = await api.readBodyChunk(file, this.shown, CHUNK);
      if (chunk.content.encoding === 'text') this.text += chunk.content.text;
      else this.isComplete = true;
      this.shown = chunk.next;
      if (chunk.isLast) this.isComplete = true;
      this.error = '';
    } catch (e) {
      this.error = toUiError(e).message;
    } finally {
      this.isLoading = false;
    }
  }
}
