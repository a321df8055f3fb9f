import { describe, expect, it } from 'vitest';
import { INTROSPECTION } from './fixture';
import { toSchema } from './schema';
import { checkVariables, operationKind } from './variables';

const built = toSchema(INTROSPECTION);
if (built instanceof Error) throw built;
const schema = built;

const QUERY = `query One($code: ID!, $limit: Int = 10, $filter: CountryFilter) {
  country(code: $code) { name }
}`;

function messages(variables: string, query = QUERY, withSchema = true): string[] {
  return checkVariables(query, variables, null, withSchema ? schema : null).map((p) => p.message);
}

describe('checkVariables', () => {
  it('is content with every required variable given in its type', () => {
    expect(messages('{"code": "FR", "limit": 3, "filter": {"continent": "EU"}}')).toEqual([]);
  });

  it('names a missing required variable with its type, but not one with a default', () => {
    expect(messages('{}')).toEqual(['Missing required variable $code (ID!)']);
    expect(messages('')).toEqual(['Missing required variable $code (ID!)']);
  });

  it('says which value its scalar type refuses, in graphql-js words', () => {
    expect(messages('{"code": "FR", "limit": "ten"}')).toEqual([
      '$limit: Int cannot represent non-integer value: "ten"',
    ]);
    expect(messages('{"code": true}')).toEqual(['$code: ID cannot represent value: true']);
  });

  it('checks input objects and enums against the schema', () => {
    const found = messages('{"code": "FR", "filter": {"continent": "XX"}}');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^\$filter\.continent: Value "XX" does not exist in "ContinentCode" enum/,
    );
  });

  it('checks the built-in scalars without a schema and leaves other types alone', () => {
    expect(messages('{"code": "FR", "limit": 1.5, "filter": 7}', QUERY, false)).toEqual([
      '$limit: Int cannot represent non-integer value: 1.5',
    ]);
  });

  it('names a variable the operation does not define, and JSON that is not an object', () => {
    expect(messages('{"code": "FR", "extra": 1}')).toEqual([
      '$extra is not defined by the operation',
    ]);
    expect(messages('[1]')).toEqual(['Variables must be a JSON object']);
    expect(messages('{"code": ')[0]).toMatch(/^Variables are not JSON: /);
  });

  it('leaves {{variables}} to the send, and a query that does not parse to the editor', () => {
    expect(messages('{"code": "{{code}}", "limit": {{n}}}')).toEqual([]);
    expect(messages('{"code": "{{code}}", "limit": 2}')).toEqual([]);
    expect(messages('{}', 'query {')).toEqual([]);
  });
});

describe('operationKind', () => {
  it('tells a subscription from a query, by operation name when there are several', () => {
    const doc = 'query A { continents { name } } subscription B { countryAdded { name } }';
    expect(operationKind(doc, 'B')).toBe('subscription');
    expect(operationKind(doc, 'A')).toBe('query');
    expect(operationKind(doc, null)).toBeNull();
    expect(operationKind('{ continents { name } }', null)).toBe('query');
    expect(operationKind('nope', null)).toBeNull();
  });
});
