/**
 * The Code dialog: the open request as a snippet in one of the core's ten languages, resolved
 * with the active environment (secrets stay `{{placeholders}}`), and copying text to the
 * clipboard (also used by "Copy as cURL").
 */
import * as api from '../api';
import type { RequestId } from '../bindings/RequestId';
import type { UiError } from '../bindings/UiError';
import { toUiError } from '../ui-error';

/** The languages `request_snippet` takes, with their labels, in the CLI's order. */
export const LANGUAGES = [
  { id: 'curl', label: 'cURL' },
  { id: 'httpie', label: 'HTTPie' },
  { id: 'python', label: 'Python (requests)' },
  { id: 'fetch', label: 'JavaScript (fetch)' },
  { id: 'axios', label: 'Node.js (axios)' },
  { id: 'go', label: 'Go (net/http)' },
  { id: 'rust', label: 'Rust (reqwest)' },
  { id: 'java', label: 'Java (HttpClient)' },
  { id: 'csharp', label: 'C# (HttpClient)' },
  { id: 'powershell', label: 'PowerShell' },
] as const;

export type Language = (typeof LANGUAGES)[number]['id'];

/** Puts `text` on the clipboard; resolves to whether it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export class Snippets {
  /** The request shown, `null` while the dialog is closed. */
  requestId = $state<RequestId | null>(null);
  language = $state<Language>('curl');
  text = $state('');
  error = $state.raw<UiError | null>(null);
  /** What the status region says ("Copied", …). */
  status = $state('');
  #generation = 0;

  async open(id: RequestId): Promise<void> {
    this.requestId = id;
    await this.load();
  }

  close(): void {
    this.requestId = null;
    this.status = '';
  }

  async choose(language: Language): Promise<void> {
    this.language = language;
    await this.load();
  }

  /** Loads the snippet for the current request and language; a slower older answer is dropped. */
  async load(): Promise<void> {
    const id = this.requestId;
    if (id === null) return;
    const generation = ++this.#generation;
    this.status = '';
    try {
      const text = await api.requestSnippet(id, this.language);
      if (generation !== this.#generation) return;
      this.text = text;
      this.error = null;
    } catch (e) {
      if (generation !== this.#generation) return;
      this.text = '';
      this.error = toUiError(e);
    }
  }

  async copy(): Promise<void> {
    this.status = (await copyText(this.text)) ? 'Copied to the clipboard' : 'Could not copy';
  }
}

export const snippets = new Snippets();
