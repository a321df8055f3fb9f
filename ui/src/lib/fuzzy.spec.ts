import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzyMatch', () => {
  it('needs every character in order, ignoring case', () => {
    expect(fuzzyMatch('gtusr', 'Get user')?.positions).toEqual([0, 2, 4, 5, 7]);
    expect(fuzzyMatch('GU', 'get user')).not.toBeNull();
    expect(fuzzyMatch('ug', 'Get user')).toBeNull();
  });

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, positions: [] });
  });
});

describe('fuzzyFilter', () => {
  const names = ['Create user', 'Get user', 'Get users list', 'Delete user', 'Settings'];

  it('ranks whole words and word starts above scattered letters', () => {
    const ranked = fuzzyFilter(names, 'get user', (n) => n).map((r) => r.item);
    expect(ranked.slice(0, 2)).toEqual(['Get user', 'Get users list']);
    expect(ranked).not.toContain('Settings');
  });

  it('keeps the given order among equals and honours the limit', () => {
    expect(fuzzyFilter(names, '', (n) => n, 2).map((r) => r.item)).toEqual([
      'Create user',
      'Get user',
    ]);
  });
});
