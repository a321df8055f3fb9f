/**
 * What the response panel's toolbar does: copy the open request as the curl command that
 * would send it (saved first, then prepared by the core as a send would be, secrets left as
 * `{{placeholders}}`), and save the response body to a file the user picks. `status` is read
 * out by a polite live region.
 */
import * as api from '../api';
import type { Exchange } from '../bindings/Exchange';
import type { RequestId } from '../bindings/RequestId';
import { mediaType, suggestedName } from '../body-preview';
import { toUiError } from '../ui-error';
import { editor } from './editor.svelte';
import { copyText } from './snippets.svelte';

export class ResponseActions {
  status = $state('');

  async copyCurl(id: RequestId): Promise<void> {
    this.status = '';
    if (!(await editor.flush())) {
      this.status = 'Could not copy: the request has unsaved changes that could not be kept';
      return;
    }
    try {
      const text = await api.requestSnippet(id, 'curl');
      this.status = (await copyText(text)) ? 'Copied the request as cURL' : 'Could not copy';
    } catch (e) {
      this.status = `Could not copy: ${toUiError(e).message}`;
    }
  }

  async saveBody(exchange: Exchange): Promise<void> {
    this.status = '';
    const { body, url, headers } = exchange.response;
    const name = suggestedName(url, mediaType(headers));
    try {
      const path = await api.saveBody(body.content, body.file, name);
      if (path !== null) this.status = `Saved the body to ${path}`;
    } catch (e) {
      this.status = `Could not save: ${toUiError(e).message}`;
    }
  }
}

export const responseActions = new ResponseActions();
