/**
 * Pasting a curl command into the URL bar turns the open request into it: method, URL (with
 * its Params), headers, body, and auth when the command sets one. The command is read by the
 * core (`parse_curl`); a request that already has a URL, headers or a body is replaced only
 * after the user confirms. The request is then saved, as leaving the URL field would.
 */
import * as api from '../api';
import type { Request } from '../bindings/Request';
import { alerts } from './alerts.svelte';
import { dialogs } from './dialogs.svelte';
import { editor, type Draft } from './editor.svelte';

/** Whether `text` reads as curl commands: its first word, after blanks and `#` lines, is `curl`. */
export function isCurl(text: string): boolean {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  const first = line?.split(/\s+/)[0] ?? '';
  return first === 'curl' || first === 'curl.exe';
}

/** Whether the draft holds anything a paste would lose. */
export function isEmptyDraft(draft: Draft): boolean {
  return draft.url.trim() === '' && draft.headers.length === 0 && draft.body.mode === 'none';
}

function apply(request: Request): void {
  editor.edit('method', request.method);
  editor.edit('url', request.url);
  editor.setHeaders(request.headers);
  editor.setBody(request.body);
  if (request.auth.mode !== 'inherit') editor.setAuth(request.auth);
}

/**
 * Handles text pasted into the URL field. Resolves to `true` when it was a curl command (the
 * caller then stops the paste), whether or not the user went on with it.
 */
export async function pasteIntoUrl(text: string): Promise<boolean> {
  const draft = editor.draft;
  if (!draft || !isCurl(text)) return false;
  const request = await alerts.attempt(() => api.parseCurl(text));
  if (!request) return true;
  if (!isEmptyDraft(draft)) {
    const ok = await dialogs.confirm({
      title: 'Replace the request?',
      message: `Replace "${draft.name}" with the pasted cURL command (${request.method} ${request.url})?`,
      confirmLabel: 'Replace',
    });
    if (!ok) return true;
  }
  apply(request);
  await editor.flush();
  return true;
}

/**
 * The URL field's paste hook: `true` (stop the paste) when `text` is a curl command, which is
 * then taken over in the background.
 */
export function onUrlPaste(text: string): boolean {
  if (!isCurl(text)) return false;
  void pasteIntoUrl(text);
  return true;
}
