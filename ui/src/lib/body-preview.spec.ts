import { describe, expect, it } from 'vitest';
import type { Payload } from './bindings/Payload';
import {
  PREVIEW_CSP,
  base64Of,
  bytesOf,
  mediaType,
  previewDocument,
  previewKind,
  suggestedName,
} from './body-preview';

function text(t: string): Payload {
  return { content: { encoding: 'text', text: t }, size: t.length, isTruncated: false, file: null };
}

describe('body preview', () => {
  it('previews images, PDFs and HTML only', () => {
    const type = mediaType([
      { name: 'Content-Type', value: 'Text/HTML; charset=utf-8', isSensitive: false },
    ]);
    expect(type).toBe('text/html');
    expect(previewKind(type)).toBe('html');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('application/json')).toBeNull();
  });

  it('puts the no-script, no-network policy first in the previewed document', () => {
    const doc = previewDocument('<script>alert(1)</script><p>hi</p>');
    expect(doc.indexOf(PREVIEW_CSP)).toBeLessThan(doc.indexOf('<script>'));
    expect(
      doc.startsWith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy"'),
    ).toBe(true);
    expect(PREVIEW_CSP).toContain("default-src 'none'");
  });

  it('encodes text as UTF-8 and decodes base64 back to bytes', () => {
    expect(base64Of(text('é'))).toBe('w6k=');
    const binary: Payload = { ...text(''), content: { encoding: 'base64', base64: '/wA=' } };
    expect(Array.from(bytesOf(binary))).toEqual([0xff, 0x00]);
  });

  it('names a saved body after the URL or its type', () => {
    expect(suggestedName('http://h/files/report.pdf?x=1', 'application/pdf')).toBe('report.pdf');
    expect(suggestedName('http://h/users', 'application/json')).toBe('users.json');
    expect(suggestedName('http://h/', 'application/octet-stream')).toBe('response.bin');
  });
});
