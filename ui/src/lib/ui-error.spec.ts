import { describe, expect, it } from 'vitest';
import { isUiError, toUiError } from './ui-error';

describe('toUiError', () => {
  it('keeps a UiError from the shell as it is', () => {
    const error = { kind: 'notFound', message: 'no request 7', place: 'Users/Get' };
    expect(toUiError(error)).toEqual(error);
  });

  it('fills a missing place with null', () => {
    expect(toUiError({ kind: 'store', message: 'disk full' })).toEqual({
      kind: 'store',
      message: 'disk full',
      place: null,
    });
  });

  it('wraps a string rejection from Tauri itself', () => {
    expect(toUiError('command create_foo not found')).toEqual({
      kind: 'ipc',
      message: 'command create_foo not found',
      place: null,
    });
  });

  it('wraps a thrown Error and anything else', () => {
    expect(toUiError(new TypeError('x is undefined'))).toEqual({
      kind: 'internal',
      message: 'x is undefined',
      place: null,
    });
    expect(toUiError(42).message).toBe('42');
  });

  it('rejects look-alikes', () => {
    expect(isUiError({ kind: 'x' })).toBe(false);
    expect(isUiError({ kind: 'x', message: 'm', place: 3 })).toBe(false);
    expect(isUiError(null)).toBe(false);
  });
});
