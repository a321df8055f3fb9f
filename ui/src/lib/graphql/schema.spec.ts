import { describe, expect, it } from 'vitest';
import { INTROSPECTION } from './fixture';
import { listTypes, rootNames, toSchema, typeView } from './schema';

const built = toSchema(INTROSPECTION);
if (built instanceof Error) throw built;
const schema = built;

describe('schema', () => {
  it('builds the fetched schema, and says why one cannot be built', () => {
    expect(rootNames(schema)).toEqual(['Query', 'Subscription']);
    expect(toSchema('{"data": 1}')).toBeInstanceOf(Error);
    expect(toSchema('not json')).toBeInstanceOf(Error);
  });

  it('lists the roots first, then the other types by name, without introspection types', () => {
    const names = listTypes(schema).map((t) => t.name);
    expect(names.slice(0, 2)).toEqual(['Query', 'Subscription']);
    expect(names).toContain('ContinentCode');
    expect(names.some((n) => n.startsWith('__'))).toBe(false);
    const rest = names.slice(2);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
  });

  it('searches names, descriptions and field names', () => {
    expect(listTypes(schema, 'capital').map((t) => t.name)).toEqual(['Country']);
    expect(listTypes(schema, 'two-letter').map((t) => t.name)).toEqual(['ContinentCode']);
    expect(listTypes(schema, 'zzz')).toEqual([]);
  });

  it('lays out a type: fields with arguments, types and descriptions; enum values', () => {
    const query = typeView(schema, 'Query');
    const country = query?.fields.find((f) => f.name === 'country');
    expect(country).toMatchObject({
      type: 'Country',
      typeName: 'Country',
      description: 'One country by its ISO 3166-1 alpha-2 code.',
      args: [{ name: 'code', type: 'ID!', typeName: 'ID' }],
    });
    const countries = query?.fields.find((f) => f.name === 'countries');
    expect(countries).toMatchObject({ type: '[Country!]!', typeName: 'Country' });
    expect(typeView(schema, 'ContinentCode')?.values.map((v) => v.name)).toContain('EU');
    expect(typeView(schema, 'CountryFilter')?.kind).toBe('input');
    expect(typeView(schema, 'Nope')).toBeNull();
  });
});
