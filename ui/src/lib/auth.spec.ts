import { describe, expect, it } from 'vitest';
import type { Auth } from './bindings/Auth';
import { authFields, isEditableAuth, paramText, withMode, withParam } from './auth';

const basic: Auth = {
  mode: 'basic',
  params: [
    { key: 'username', value: 'ada', type: 'string' },
    { key: 'flag', value: true, type: 'boolean' },
  ],
};

describe('auth params', () => {
  it('reads strings as they are and other values as JSON', () => {
    expect(paramText(basic, 'username')).toBe('ada');
    expect(paramText(basic, 'flag')).toBe('true');
    expect(paramText(basic, 'password')).toBeUndefined();
  });

  it('sets a param in place or appends it, without touching the original', () => {
    const renamed = withParam(basic, 'username', 'grace');
    expect(renamed.params[0]).toEqual({ key: 'username', value: 'grace', type: 'string' });
    const withPassword = withParam(renamed, 'password', '{{pw}}');
    expect(withPassword.params.map((p) => p.key)).toEqual(['username', 'flag', 'password']);
    expect(basic.params[0]?.value).toBe('ada');
  });

  it('keeps params across a mode switch', () => {
    const bearer = withMode(basic, 'bearer');
    expect(bearer.mode).toBe('bearer');
    expect(withMode(bearer, 'basic')).toEqual(basic);
  });
});

describe('auth fields', () => {
  it('lists the fields of each editable scheme', () => {
    expect(authFields('basic').map((f) => f.key)).toEqual(['username', 'password']);
    expect(authFields('apikey').find((f) => f.key === 'in')?.fallback).toBe('header');
    expect(authFields('inherit')).toEqual([]);
    expect(isEditableAuth('oauth2')).toBe(false);
    expect(isEditableAuth('noauth')).toBe(true);
  });
});
