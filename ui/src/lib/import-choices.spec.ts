import { describe, expect, it } from 'vitest';
import type { Finding } from './bindings/Finding';
import type { ImportSummary } from './bindings/ImportSummary';
import { isReady, placesOf, plural, secretMovesOf } from './import-choices';

const finding = (place: string): Finding => ({ place, kind: 'jwt', length: 40 });

const summary = (duplicates: number): ImportSummary => ({
  collections: [{ name: 'Users', format: 'collectionV21', folders: 0, requests: 1 }],
  environments: [],
  globals: [],
  duplicates: Array.from({ length: duplicates }, () => ({
    name: 'Users',
    existing: 3,
    existingName: 'Users',
  })),
  findings: [],
  warnings: [],
});

describe('placesOf', () => {
  it('lists each place once, in order', () => {
    const findings = [
      finding('Users/Get › url'),
      finding('A › headers.X'),
      finding('Users/Get › url'),
    ];
    expect(placesOf(findings)).toEqual(['Users/Get › url', 'A › headers.X']);
  });
});

describe('secretMovesOf', () => {
  const places = ['a', 'b', 'c'];

  it('moves none when nothing is chosen', () => {
    expect(secretMovesOf(places, [])).toEqual({ kind: 'none' });
    expect(secretMovesOf([], [])).toEqual({ kind: 'none' });
  });

  it('moves all when every place is chosen', () => {
    expect(secretMovesOf(places, ['c', 'a', 'b'])).toEqual({ kind: 'all' });
  });

  it('moves only the chosen places, in their order, ignoring unknown ones', () => {
    expect(secretMovesOf(places, ['c', 'a', 'zzz'])).toEqual({
      kind: 'only',
      places: ['a', 'c'],
    });
  });
});

describe('isReady', () => {
  it('needs an answer for duplicates only', () => {
    expect(isReady(summary(0), 'ask')).toBe(true);
    expect(isReady(summary(1), 'ask')).toBe(false);
    expect(isReady(summary(1), 'replace')).toBe(true);
    expect(isReady(summary(2), 'copy')).toBe(true);
  });
});

describe('plural', () => {
  it('adds an s unless there is one', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(0, 'request')).toBe('0 requests');
  });
});
