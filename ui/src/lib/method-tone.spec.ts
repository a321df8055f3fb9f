import { describe, expect, it } from 'vitest';
import { methodTone } from './method-tone';

describe('methodTone', () => {
  it('gives each common method its own tone and custom ones a neutral one', () => {
    expect(['GET', 'post', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map(methodTone)).toEqual([
      'get',
      'post',
      'put',
      'patch',
      'delete',
      'head',
      'options',
    ]);
    expect(methodTone('PURGE')).toBe('other');
    expect(methodTone('')).toBe('other');
  });
});
