import { describe, expect, it } from 'vitest';
import type { KeyValue } from './bindings/KeyValue';
import { paramsFromUrl, parseQuery, splitUrl, urlWithParams } from './query';

function row(key: string, value: string, enabled = true, description = ''): KeyValue {
  return { key, value, enabled, description };
}

describe('splitUrl', () => {
  it('cuts at the first ? and keeps the fragment apart', () => {
    expect(splitUrl('http://x.test/a?b=1?c#top?no')).toEqual({
      base: 'http://x.test/a',
      query: 'b=1?c',
      fragment: '#top?no',
    });
    expect(splitUrl('{{base}}/users')).toEqual({
      base: '{{base}}/users',
      query: null,
      fragment: '',
    });
  });
});

describe('parseQuery', () => {
  it('splits on & and the first =, keeping text as typed', () => {
    expect(parseQuery('a=1&&flag&q={{term}}&e=x=y&%20=%41')).toEqual([
      { key: 'a', value: '1' },
      { key: 'flag', value: '' },
      { key: 'q', value: '{{term}}' },
      { key: 'e', value: 'x=y' },
      { key: '%20', value: '%41' },
    ]);
  });
});

describe('paramsFromUrl', () => {
  it('replaces enabled rows in order and keeps disabled rows and descriptions', () => {
    const before = [row('a', '1', true, 'first'), row('off', 'x', false), row('b', '2')];
    expect(paramsFromUrl('http://x.test/?a=9&c=3&d=4', before)).toEqual([
      row('a', '9', true, 'first'),
      row('off', 'x', false),
      row('c', '3'),
      row('d', '4'),
    ]);
  });

  it('drops enabled rows the URL no longer has', () => {
    const before = [row('a', '1'), row('b', '2'), row('off', '', false)];
    expect(paramsFromUrl('http://x.test/?a=1', before)).toEqual([
      row('a', '1'),
      row('off', '', false),
    ]);
    expect(paramsFromUrl('http://x.test/', before)).toEqual([row('off', '', false)]);
  });
});

describe('urlWithParams', () => {
  it('rebuilds the query from enabled rows and keeps base and fragment', () => {
    const params = [row('a', '1'), row('off', 'x', false), row('q', '{{t}}'), row('', '')];
    expect(urlWithParams('http://x.test/p?old=1#frag', params)).toBe(
      'http://x.test/p?a=1&q={{t}}#frag',
    );
  });

  it('removes the ? when no row is enabled', () => {
    expect(urlWithParams('http://x.test/p?a=1', [row('a', '1', false)])).toBe('http://x.test/p');
  });

  it('round-trips with paramsFromUrl', () => {
    const url = 'http://x.test/?a=1&b=&c=x=y';
    expect(urlWithParams(url, paramsFromUrl(url, []))).toBe(url);
  });
});
