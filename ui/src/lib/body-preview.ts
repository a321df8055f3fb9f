/**
 * What the response body's Preview shows, and how: images from their bytes as `data:` URLs,
 * PDFs as `blob:` URLs, HTML as an inert document for a sandboxed frame.
 *
 * The HTML document carries its own Content-Security-Policy (no scripts, no network: only
 * inline styles and `data:` images), on top of the frame's `sandbox=""`, so a response cannot
 * run code or call out.
 */
import type { Header } from './bindings/Header';
import type { Payload } from './bindings/Payload';
import { headerValue } from './response-format';

export type PreviewKind = 'image' | 'pdf' | 'html';

/** The policy inside previewed HTML. */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The media type of a body (lower-case, without parameters), `''` when not given. */
export function mediaType(headers: Header[]): string {
  return (headerValue(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** What the Preview can show for a body of this type, or `null`. */
export function previewKind(type: string): PreviewKind | null {
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return null;
}

/** Base64 of the body's bytes (text is UTF-8 encoded). */
export function base64Of(body: Payload): string {
  if (body.content.encoding === 'base64') return body.content.base64;
  const bytes = new TextEncoder().encode(body.content.text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The body as a `data:` URL of `type`. */
export function dataUrl(type: string, body: Payload): string {
  return `data:${type};base64,${base64Of(body)}`;
}

/** The bytes of a body, e.g. for a `Blob`. */
export function bytesOf(body: Payload): Uint8Array<ArrayBuffer> {
  const binary = atob(base64Of(body));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `html` wrapped in a document whose first element is the preview's CSP. */
export function previewDocument(html: string): string {
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">` +
    '<meta charset="utf-8"></head><body>' +
    html +
    '</body></html>'
  );
}

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
};

/** A file name to propose when saving a body: the URL's last segment, else `response.<ext>`. */
export function suggestedName(url: string, type: string): string {
  let last = '';
  try {
    last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    last = '';
  }
  const safe = last.replace(/[/\\:*?"<>|]/g, '_');
  if (safe.includes('.')) return safe;
  const ext = EXTENSIONS[type] ?? 'bin';
  return `${safe || 'response'}.${ext}`;
}
