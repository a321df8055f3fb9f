// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import UrlField from './UrlField.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function field(value: string): HTMLElement {
  shown = render(UrlField, { id: 'u', value, scope: null, oninput: () => {}, onblur: () => {} });
  return shown.target;
}

describe('UrlField', () => {
  // Issue 12: the marks were drawn below the text. Their layer was as tall as the field's
  // wrapper, which also held the line box the inline input sat on (taller than the input), so
  // centring in it put the marks lower than the input's own text. Now the layer shares a box
  // with the input alone, and the input is a block, so the box is exactly the input.
  it('lays the marks over a box that holds only the input', () => {
    const root = field('{{base}}/users');
    const marks = root.querySelector('.marks')!;
    const box = marks.parentElement!;
    const input = root.querySelector('[data-testid="request-url"]')!;
    expect(input.parentElement).toBe(box);
    expect([...box.children].filter((c) => c !== marks)).toEqual([input]);
    expect(box.querySelector('[data-testid="url-unresolved"]')).toBeNull();
    expect(root.querySelector('[data-testid="url-unresolved"]')).not.toBeNull();
  });

  // Issue 12, the cause: the list below the input had class `unresolved`, an unresolved mark's
  // state class too, so its scoped rule (absolute, top: 100%) moved the mark below the input.
  it('gives the unresolved list no class a mark carries', () => {
    const root = field('{{base}}/users');
    const mark = root.querySelector('[data-testid="url-var"]')!;
    const list = root.querySelector('[data-testid="url-unresolved"]')!;
    const own = (e: Element) => [...e.classList].filter((c) => !c.startsWith('svelte-'));
    expect(own(mark)).toEqual(['unresolved']);
    expect(
      own(list).filter((c) => ['resolved', 'secret', 'dynamic', 'unresolved'].includes(c)),
    ).toEqual([]);
  });

  it('marks each variable in the text as typed', () => {
    const root = field('{{base}}/users');
    const mark = root.querySelector('[data-testid="url-var"]')!;
    expect(mark.textContent).toBe('{{base}}');
    expect(mark.getAttribute('data-state')).toBe('unresolved');
  });
});
