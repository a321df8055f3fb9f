/**
 * CodeMirror language support by body language, loaded on first use so the editor's main
 * bundle carries none of the grammars.
 */
import type { Extension } from '@codemirror/state';
import type { RawLanguage } from './bindings/RawLanguage';

/** The extension highlighting `language`; plain text has none. */
export async function languageSupport(language: RawLanguage): Promise<Extension> {
  switch (language) {
    case 'json':
      return (await import('@codemirror/lang-json')).json();
    case 'xml':
      return (await import('@codemirror/lang-xml')).xml();
    case 'html':
      return (await import('@codemirror/lang-html')).html();
    case 'javascript':
      return (await import('@codemirror/lang-javascript')).javascript();
    default:
      return [];
  }
}
