/**
 * What the response panel's toolbar does: copy the open request as the curl command that
 * would send it (saved first, then prepared by the core as a send would be, secrets left as
 * `{{placeholders}}`), save the response body to a file the user picks, and keep the response
 * as an example of the request. `status` is read out by a polite live region.
 */
import * as api from '../api';
import type { Exchange } from '../bindings/Exchange';
import type { RequestId } from '../bindings/RequestId';
import type { Source } from '../bindings/Source';
import { mediaType, suggestedName } from '../body-preview';
import { languageOf } from '../response-format';
import { toUiError } from '../ui-error';
import { dialogs } from './dialogs.svelte';
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

  /** Asks for a name, then appends the response to request `id`'s examples in the store. */
  async saveExample(id: RequestId, exchange: Exchange): Promise<void> {
    this.status = '';
    const { status, reason, headers, body } = exchange.response;
    const name = await dialogs.ask({
      title: 'Save as example',
      label: 'Example name',
      initial: `${status} ${reason}`.trim(),
      confirmLabel: 'Save',
    });
    if (name === null) return;
    let source: Source = { kind: 'text', text: '' };
    if (body.isTruncated && body.file !== null) source = { kind: 'file', file: body.file };
    else if (body.content.encoding === 'text') source = { kind: 'text', text: body.content.text };
    const example = {
      name,
      code: status,
      status: reason,
      headers: headers.map((h) => ({
        key: h.name,
        value: h.value,
        enabled: true,
        description: '',
      })),
      body: '',
      previewLanguage: languageOf(headers.find((h) => /^content-type$/i.test(h.name))?.value),
      originalRequest: null,
      extra: {},
    };
    try {
      const saved = await api.saveExample(id, example, source);
      // The editor writes the stored request back on save: it must hold the new example too.
      if (editor.stored?.id === saved.id)
        editor.stored = { ...editor.stored, examples: saved.examples };
      this.status = `Saved the response as example "${name}"`;
    } catch (e) {
      this.status = `Could not save the example: ${toUiError(e).message}`;
    }
  }
}

export const responseActions = new ResponseActions();
