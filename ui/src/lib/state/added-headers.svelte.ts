/**
 * The headers a send of the open request adds to its own rows (User-Agent, Accept, the auth's,
 * Host, Content-Length…), computed by the core from the same preparation a send runs, so the
 * greyed list in the Headers tab cannot drift from what is sent. Asked again, debounced, as
 * the draft changes.
 */
import * as api from '../api';
import type { Header } from '../bindings/Header';
import type { Request } from '../bindings/Request';

/** How long the draft must rest before the list is asked for again, in ms. */
export const DEBOUNCE = 300;

export class AddedHeaders {
  headers = $state.raw<Header[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;

  /** Asks for `request`'s added headers once the edits rest; `null` clears the list. */
  load(request: Request | null): void {
    clearTimeout(this.#timer);
    const asked = ++this.#asked;
    if (request === null) {
      this.headers = [];
      return;
    }
    this.#timer = setTimeout(() => {
      api.addedHeaders(request).then(
        (headers) => {
          if (asked === this.#asked) this.headers = headers;
        },
        // A draft that cannot be prepared yet (a bad URL mid-typing) keeps the last list.
        () => {},
      );
    }, DEBOUNCE);
  }
}

export const addedHeaders = new AddedHeaders();
