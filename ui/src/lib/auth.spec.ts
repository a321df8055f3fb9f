import { describe, expect, it } from 'vitest';
import type { Auth } from './bindings/Auth';
import {
  AUTH_TYPES,
  authFields,
  isEditableAuth,
  paramFlag,
  paramText,
  withMode,
  withParam,
} from './auth';

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
    expect(isEditableAuth('oauth2')).toBe(true);
    expect(isEditableAuth('asap')).toBe(true);
    expect(isEditableAuth('mtls')).toBe(false);
    expect(isEditableAuth('noauth')).toBe(true);
  });

  it('has a form for every Postman scheme, with Postman parameter names', () => {
    for (const { mode } of AUTH_TYPES) {
      if (mode !== 'inherit' && mode !== 'noauth')
        expect(authFields(mode).length).toBeGreaterThan(0);
    }
    expect(authFields('digest').map((f) => f.key)).toContain('disableRetryRequest');
    expect(authFields('awsv4').map((f) => f.key)).toEqual([
      'accessKey',
      'secretKey',
      'region',
      'service',
      'sessionToken',
      'addAuthDataToQuery',
    ]);
    expect(authFields('asap').map((f) => f.key)).toEqual([
      'alg',
      'iss',
      'aud',
      'kid',
      'privateKey',
      'sub',
      'exp',
      'claims',
    ]);
    const secrets = authFields('oauth1').filter((f) => f.kind === 'secret');
    expect(secrets.map((f) => f.key)).toEqual(['consumerSecret', 'tokenSecret']);
  });

  it('stores flags as booleans and reads them back', () => {
    const on = withParam(basic, 'disableRetryRequest', true);
    expect(on.params.at(-1)).toEqual({ key: 'disableRetryRequest', value: true, type: 'boolean' });
    expect(paramFlag(on, 'disableRetryRequest')).toBe(true);
    expect(paramFlag(basic, 'missing')).toBe(false);
  });
});
