import { describe, expect, it } from 'vitest';
import { hoverText } from './editor';
import { INTROSPECTION } from './fixture';
import { toSchema } from './schema';

const built = toSchema(INTROSPECTION);
if (built instanceof Error) throw built;
const schema = built;

describe('hoverText', () => {
  it('names the field under the pointer with its type and description', () => {
    const query = '{ country(code: "FR") { capital } }';
    const text = hoverText(schema, query, 0, query.indexOf('capital') + 2);
    expect(text).toContain('Country.capital: String');
    expect(text).toContain('Its capital city, if it has one.');
  });

  it('is empty away from any field', () => {
    expect(hoverText(schema, '{ nope }', 0, 4)).toBe('');
  });
});
