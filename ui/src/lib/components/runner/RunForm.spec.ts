// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectionTree } from '../../bindings/CollectionTree';
import { render, type Rendered } from '../../testing/render';
import RunForm from './RunForm.svelte';

const collections: CollectionTree[] = [
  {
    id: 10,
    name: 'Users API',
    children: [{ kind: 'request', id: 12, name: 'List', method: 'GET', url: '' }],
  },
];

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function props(over: Record<string, unknown> = {}) {
  return {
    collections,
    collectionId: 10,
    checked: new Set([12]),
    environments: [],
    environmentId: null,
    iterations: 2,
    delayMs: 0,
    data: null,
    dataError: null,
    isRunning: false,
    oncollection: vi.fn(),
    onchecked: vi.fn(),
    onenvironment: vi.fn(),
    oniterations: vi.fn(),
    ondelay: vi.fn(),
    onchoosedata: vi.fn(),
    oncleardata: vi.fn(),
    onrun: vi.fn(),
    onstop: vi.fn(),
    ...over,
  };
}

describe('RunForm', () => {
  it('runs from the Run button and reads iterations as a whole number of at least 1', () => {
    const p = props();
    shown = render(RunForm, p);
    const { target } = shown;
    const iterations = target.querySelector<HTMLInputElement>('[data-testid="runner-iterations"]')!;
    expect(target.querySelector(`label[for="${iterations.id}"]`)?.textContent).toBe('Iterations');
    iterations.value = '0';
    iterations.dispatchEvent(new Event('change', { bubbles: true }));
    expect(p.oniterations).toHaveBeenCalledWith(1);
    const run = target.querySelector<HTMLButtonElement>('[data-testid="runner-run"]')!;
    expect(run.textContent).toContain('Run Users API');
    expect(run.type).toBe('submit');
    run.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(p.onrun).toHaveBeenCalledOnce();
  });

  it('cannot run with nothing checked or a bad data file, and offers Stop while running', () => {
    shown = render(RunForm, props({ checked: new Set() }));
    expect(
      shown.target.querySelector<HTMLButtonElement>('[data-testid="runner-run"]')?.disabled,
    ).toBe(true);
    shown.destroy();
    const error = { kind: 'invalid', message: 'd.json: [1]: not an object', place: 'd.json' };
    shown = render(RunForm, props({ dataError: error }));
    expect(
      shown.target.querySelector<HTMLButtonElement>('[data-testid="runner-run"]')?.disabled,
    ).toBe(true);
    expect(shown.target.querySelector('[data-testid="runner-data-error"]')?.textContent).toContain(
      '[1]: not an object',
    );
    shown.destroy();
    const p = props({ isRunning: true });
    shown = render(RunForm, p);
    shown.target.querySelector<HTMLButtonElement>('[data-testid="runner-stop"]')!.click();
    expect(p.onstop).toHaveBeenCalledOnce();
    expect(shown.target.querySelector('[data-testid="runner-run"]')).toBeNull();
  });
});
