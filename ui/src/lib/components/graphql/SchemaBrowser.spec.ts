// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { INTROSPECTION } from '../../graphql/fixture';
import { toSchema } from '../../graphql/schema';
import { render, type Rendered } from '../../testing/render';
import SchemaBrowser from './SchemaBrowser.svelte';

const built = toSchema(INTROSPECTION);
if (built instanceof Error) throw built;
const schema = built;

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const heading = (target: HTMLElement) =>
  target.querySelector('[data-testid="schema-detail"] h3')?.textContent?.replace(/\s+/g, ' ');

describe('SchemaBrowser', () => {
  it('opens on the query type, its fields with arguments, types and descriptions', () => {
    shown = render(SchemaBrowser, { schema });
    const { target } = shown;
    expect(heading(target)).toBe('Query object');
    const detail = target.querySelector('[data-testid="schema-detail"]')?.textContent ?? '';
    expect(detail.replace(/\s+/g, ' ')).toContain('country(code: ID!): Country');
    expect(detail).toContain('One country by its ISO 3166-1 alpha-2 code.');
  });

  it('follows a type named in a field, and goes back', () => {
    shown = render(SchemaBrowser, { schema });
    const { target } = shown;
    const link = [
      ...target.querySelectorAll<HTMLButtonElement>('[data-testid="schema-type-link"]'),
    ].find((b) => b.textContent === '[Continent!]!');
    link?.click();
    flushSync();
    expect(heading(target)).toBe('Continent object');
    const code = [
      ...target.querySelectorAll<HTMLButtonElement>('[data-testid="schema-type-link"]'),
    ].find((b) => b.textContent === 'ContinentCode!');
    code?.click();
    flushSync();
    expect(heading(target)).toBe('ContinentCode enum');
    expect(target.textContent).toContain('Two-letter continent codes.');
    target.querySelector<HTMLButtonElement>('[data-testid="schema-detail"] header button')?.click();
    flushSync();
    expect(heading(target)).toBe('Continent object');
  });

  it('searches types and fields, and says when nothing matches', () => {
    shown = render(SchemaBrowser, { schema });
    const { target } = shown;
    const search = target.querySelector<HTMLInputElement>('[data-testid="schema-search"]')!;
    search.value = 'capital';
    search.dispatchEvent(new Event('input'));
    flushSync();
    const listed = [...target.querySelectorAll('[data-testid="schema-type"]')].map((b) =>
      b.textContent?.trim(),
    );
    expect(listed).toEqual(['Country object']);
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    flushSync();
    expect(target.querySelector('[data-testid="schema-type"]')).toBeNull();
    expect(target.textContent).toContain('No type or field matches.');
  });
});
