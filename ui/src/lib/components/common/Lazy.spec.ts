// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { lazy } from '../../lazy';
import Greeting from '../../testing/Greeting.svelte';
import LazyGreeting from '../../testing/LazyGreeting.svelte';
import { render, type Rendered } from '../../testing/render';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

/** A loader whose import the test answers. */
function pending() {
  let answer: (ok: boolean) => void = () => {};
  let imports = 0;
  const component = lazy(() => {
    imports += 1;
    return new Promise<{ default: typeof Greeting }>((resolve, reject) => {
      answer = (ok) => (ok ? resolve({ default: Greeting }) : reject(new Error('offline')));
    });
  });
  return { component, answer: (ok: boolean) => answer(ok), imports: () => imports };
}

async function settle() {
  await new Promise((r) => setTimeout(r, 0));
  flushSync();
}

describe('Lazy', () => {
  it('stands in, busy, until the script loads, then shows the component with its props', async () => {
    const load = pending();
    shown = render(LazyGreeting, { component: load.component, name: 'Ada' });
    const standIn = shown.target.querySelector('[aria-busy="true"]');
    expect(standIn?.getAttribute('aria-label')).toBe('the greeting');
    expect(shown.target.querySelector('[data-testid="greeting"]')).toBeNull();
    load.answer(true);
    await settle();
    expect(shown.target.querySelector('[data-testid="greeting"]')?.textContent).toBe('Hello Ada');
    expect(shown.target.querySelector('[aria-busy]')).toBeNull();
  });

  it('mounts at once, with no second import, once loaded', async () => {
    const load = pending();
    shown = render(LazyGreeting, { component: load.component, name: 'Ada' });
    load.answer(true);
    await settle();
    shown.destroy();
    shown = render(LazyGreeting, { component: load.component, name: 'Bob' });
    expect(shown.target.querySelector('[data-testid="greeting"]')?.textContent).toBe('Hello Bob');
    expect(load.imports()).toBe(1);
  });

  it('says in place that a load failed, and tries again next time', async () => {
    const load = pending();
    shown = render(LazyGreeting, { component: load.component, name: 'Ada' });
    load.answer(false);
    await settle();
    expect(shown.target.querySelector('[role="alert"]')?.textContent).toBe(
      'Could not load the greeting: offline',
    );
    shown.destroy();
    shown = render(LazyGreeting, { component: load.component, name: 'Ada' });
    expect(load.imports()).toBe(2);
  });
});
