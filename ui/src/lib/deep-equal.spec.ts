import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it('compares objects by keys in any order and arrays by position', () => {
    expect(
      deepEqual(
        { mode: 'raw', text: 'x', language: 'json' },
        { language: 'json', mode: 'raw', text: 'x' },
      ),
    ).toBe(true);
    expect(deepEqual([{ a: 1 }, { b: [2] }], [{ a: 1 }, { b: [2] }])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
  });
});
