import { describe, expect, it } from 'vitest';
import { collections } from './testing/fixtures';
import { filteredRows, filterNeedle, matchRange } from './tree-filter';

// c:1 Users > f:10 Admin > (f:11 Audit, r:12 List admins {{base}}/admins),
//   r:13 Get user {{base}}/users/1, r:14 Create user {{base}}/users; c:2 Empty
const keys = (query: string, hidden?: Set<string>) =>
  filteredRows(collections(), query, hidden)?.map((r) => r.key) ?? null;

describe('filteredRows', () => {
  it('is null for an empty or blank query: the whole tree shows', () => {
    expect(keys('')).toBeNull();
    expect(keys('   ')).toBeNull();
  });

  it('keeps matching requests with their ancestors, whatever the case', () => {
    expect(keys('GET USER')).toEqual(['c:1', 'r:13']);
    expect(keys('e USER')).toEqual(['c:1', 'r:14']);
  });

  it('matches URLs as well as names', () => {
    expect(keys('/users/1')).toEqual(['c:1', 'r:13']);
    expect(keys('{{base}}/admins')).toEqual(['c:1', 'f:10', 'r:12']);
  });

  it('shows everything inside a matching folder or collection, opened', () => {
    const rows = filteredRows(collections(), 'admin')!;
    expect(rows.map((r) => r.key)).toEqual(['c:1', 'f:10', 'f:11', 'r:12']);
    expect(rows.find((r) => r.key === 'f:10')).toMatchObject({ expanded: true, match: [0, 5] });
    expect(keys('empty')).toEqual(['c:2']);
  });

  it('marks where the text is in each name, and nothing for an ancestor kept for context', () => {
    const rows = filteredRows(collections(), 'T U')!;
    expect(rows.map((r) => r.match)).toEqual([null, [2, 5]]);
    const byUrl = filteredRows(collections(), 'users/1')!;
    expect(byUrl.map((r) => r.match)).toEqual([null, null]);
  });

  it('leaves out rows hidden by a pending delete', () => {
    expect(keys('e user', new Set(['r:14']))).toEqual([]);
    expect(keys('admin', new Set(['r:12']))).toEqual(['c:1', 'f:10', 'f:11']);
    expect(keys('admin', new Set(['f:10']))).toEqual([]);
  });

  it('returns no rows when nothing matches', () => {
    expect(keys('nothing like it')).toEqual([]);
  });
});

describe('matchRange and filterNeedle', () => {
  it('finds the first occurrence ignoring case', () => {
    expect(matchRange('Get User user', filterNeedle(' USER '))).toEqual([4, 8]);
    expect(matchRange('abc', 'x')).toBeNull();
    expect(matchRange('abc', '')).toBeNull();
  });
});
