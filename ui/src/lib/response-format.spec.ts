import { describe, expect, it } from 'vitest';
import type { Payload } from './bindings/Payload';
import {
  bodyView,
  formatBytes,
  formatDuration,
  languageOf,
  prettyJson,
  statusClass,
} from './response-format';

function text(t: string, isTruncated = false): Payload {
  return { content: { encoding: 'text', text: t }, size: t.length, isTruncated, file: null };
}

const json = [
  { name: 'Content-Type', value: 'application/json; charset=utf-8', isSensitive: false },
];

describe('status, time and size', () => {
  it('classes statuses by their first digit', () => {
    expect([101, 204, 304, 404, 503].map(statusClass)).toEqual([
      'info',
      'success',
      'redirect',
      'client-error',
      'server-error',
    ]);
  });

  it('writes durations and sizes for people', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('prettyJson', () => {
  it('indents by two spaces and keeps strings, empty containers and big numbers exact', () => {
    const input = '{"id":12345678901234567890,"s":"a,b:{\\"c\\"}","e":[],"o":{ },"l":[1, 2]}';
    expect(prettyJson(input)).toBe(
      [
        '{',
        '  "id": 12345678901234567890,',
        '  "s": "a,b:{\\"c\\"}",',
        '  "e": [],',
        '  "o": {},',
        '  "l": [',
        '    1,',
        '    2',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('refuses text that is not JSON', () => {
    expect(prettyJson('{"a":')).toBeNull();
    expect(prettyJson('hello')).toBeNull();
  });
});

describe('bodyView', () => {
  it('pretty-prints JSON, declared or recognised', () => {
    expect(bodyView(text('{"a":1}'), json)).toEqual({
      kind: 'text',
      text: '{\n  "a": 1\n}',
      language: 'json',
    });
    expect(bodyView(text('[1]'), [])).toEqual({
      kind: 'text',
      text: '[\n  1\n]',
      language: 'json',
    });
  });

  it('shows other text, truncated JSON and invalid JSON as they are', () => {
    expect(bodyView(text('{"a":1', true), json)).toEqual({
      kind: 'text',
      text: '{"a":1',
      language: 'json',
    });
    expect(
      bodyView(text('<p>hi</p>'), [
        { name: 'content-type', value: 'text/html', isSensitive: false },
      ]),
    ).toEqual({ kind: 'text', text: '<p>hi</p>', language: 'html' });
  });

  it('describes base64 bodies as binary', () => {
    const body: Payload = {
      content: { encoding: 'base64', base64: '/wA=' },
      size: 2,
      isTruncated: false,
      file: null,
    };
    expect(bodyView(body, [])).toEqual({ kind: 'binary', size: 2 });
  });

  it('reads the language from the content type', () => {
    expect(languageOf('application/problem+json')).toBe('json');
    expect(languageOf('application/atom+xml')).toBe('xml');
    expect(languageOf('text/javascript; charset=utf-8')).toBe('javascript');
    expect(languageOf(undefined)).toBe('text');
  });
});
