import { describe, expect, it } from 'vitest';
import type { VariablesInScope } from './bindings/VariablesInScope';
import { findTokens, resolve, segments, unresolvedNames } from './template-tokens';

const scope: VariablesInScope = {
  variables: [
    { key: 'base', source: 'environment', secret: false, value: 'http://localhost' },
    { key: 'token', source: 'collection', secret: true, value: null },
    { key: 'vault:api', source: 'vault', secret: true, value: null },
  ],
  dynamic: ['$guid'],
};

describe('findTokens', () => {
  it('finds each {{name}} with its offsets, trimming the name', () => {
    expect(findTokens('{{base}}/u/{{ id }}')).toEqual([
      { name: 'base', from: 0, to: 8 },
      { name: 'id', from: 11, to: 19 },
    ]);
  });

  it('ignores unbalanced and empty braces', () => {
    expect(findTokens('{{a}/{b}}/{{}}')).toEqual([]);
  });
});

describe('segments', () => {
  it('covers the text exactly', () => {
    const parts = segments('x{{a}}y{{b}}');
    expect(parts.map((p) => p.text).join('')).toBe('x{{a}}y{{b}}');
    expect(parts.map((p) => p.token?.name ?? null)).toEqual([null, 'a', null, 'b']);
  });
});

describe('resolve', () => {
  it('names the value and its scope', () => {
    expect(resolve('base', scope)).toEqual({
      state: 'resolved',
      description: 'base = http://localhost (environment)',
    });
  });

  it('masks secrets and vault secrets', () => {
    expect(resolve('token', scope).state).toBe('secret');
    expect(resolve('token', scope).description).toBe('token = •••• (secret, collection)');
    expect(resolve('vault:api', scope).description).toContain('vault');
  });

  it('knows dynamic variables and flags the rest', () => {
    expect(resolve('$guid', scope).state).toBe('dynamic');
    expect(resolve('missing', scope).state).toBe('unresolved');
    expect(resolve('base', null).state).toBe('unresolved');
  });

  it('lists unresolved names once', () => {
    expect(unresolvedNames('{{x}}/{{base}}/{{x}}/{{y}}', scope)).toEqual(['x', 'y']);
  });
});
