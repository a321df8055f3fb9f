import { describe, expect, it } from 'vitest';
import { NO_SCHEMA, schemaStatus, type SchemaEntry } from './graphql-status';

const at = new Date(2026, 11, 7, 14, 3, 0);
const schema = {
  requestId: 1,
  url: 'http://x/graphql',
  fetchedAtMs: at.getTime(),
  introspection: '{}',
  isKept: true,
};

describe('schemaStatus', () => {
  it('says nothing before the cache is read, then that there is none', () => {
    expect(schemaStatus(NO_SCHEMA)).toBe('');
    expect(schemaStatus({ ...NO_SCHEMA, loaded: true })).toBe('No schema yet');
  });

  it('gives the time of a schema fetched today, the date too otherwise', () => {
    const entry: SchemaEntry = { ...NO_SCHEMA, loaded: true, schema };
    expect(schemaStatus(entry, at)).toBe(`Schema cached at ${at.toLocaleTimeString()}`);
    const later = new Date(2026, 11, 9);
    expect(schemaStatus(entry, later)).toBe(`Schema cached at ${at.toLocaleString()}`);
    expect(schemaStatus({ ...entry, schema: { ...schema, isKept: false } }, at)).toBe(
      `Schema fetched at ${at.toLocaleTimeString()} (not kept: restricted workspace)`,
    );
  });

  it('puts a fetch under way and a failure first', () => {
    const entry: SchemaEntry = { ...NO_SCHEMA, loaded: true, schema, fetching: 's1' };
    expect(schemaStatus(entry)).toBe('Fetching schema…');
    const error = { kind: 'graphql', message: 'boom', place: null };
    expect(schemaStatus({ ...entry, fetching: null, error })).toBe('Schema not fetched: boom');
  });
});
