// @vitest-environment happy-dom
import { afterAll, beforeAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync } from 'svelte';
import { reactive } from '../../testing/reactive.svelte';
import { render, type Rendered } from '../../testing/render';
import SplitView from './SplitView.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

// happy-dom lays nothing out: the split measures 505 × 805 pixels here (500 and 800 to share
// beside its 5-pixel handle).
const sizes = { clientHeight: 505, clientWidth: 805 };
const saved = new Map<string, PropertyDescriptor | undefined>();
beforeAll(() => {
  for (const [name, size] of Object.entries(sizes)) {
    saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('split') ? size : 0;
      },
    });
  }
});
afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
  }
});

const pane = (text: string) => createRawSnippet(() => ({ render: () => `<p>${text}</p>` }));

function split(direction: 'rows' | 'columns') {
  const onresize = vi.fn();
  const oncommit = vi.fn();
  const onreset = vi.fn();
  const props = reactive({
    direction,
    split: 0.45,
    minFirst: 120,
    minSecond: 160,
    label: 'Resize the request and the response',
    testid: 'work',
    onresize: (next: number) => {
      onresize(next);
      props.split = next;
    },
    oncommit,
    onreset,
    first: pane('request'),
    second: pane('response'),
  });
  shown = render(SplitView, props);
  const root = shown.target.querySelector<HTMLElement>('[data-testid="work"]')!;
  const handle = shown.target.querySelector<HTMLElement>('[data-testid="work-splitter"]')!;
  return { props, root, handle, onresize, oncommit, onreset };
}

describe('SplitView', () => {
  it('gives the first pane its share of the rows, each pane its minimum', () => {
    const { root, handle } = split('rows');
    expect(root.style.gridTemplateRows).toBe('minmax(120px, 450fr) 5px minmax(160px, 550fr)');
    expect(root.textContent).toContain('request');
    expect(root.textContent).toContain('response');
    expect(handle.getAttribute('aria-orientation')).toBe('horizontal');
    expect(handle.getAttribute('aria-valuenow')).toBe('45');
    expect(handle.getAttribute('aria-valuetext')).toBe('45 percent');
    // Bounds from the minimums: 120 of 500 pixels, and 160 left for the response.
    expect(handle.getAttribute('aria-valuemin')).toBe('24');
    expect(handle.getAttribute('aria-valuemax')).toBe('68');
    expect(handle.getAttribute('aria-controls')).toBe(root.firstElementChild?.id);
  });

  it('turns a drag in pixels into a share, clamped by the minimums', () => {
    const { root, handle, onresize, oncommit } = split('rows');
    const at = (type: string, clientY: number) =>
      handle.dispatchEvent(
        new PointerEvent(type, { bubbles: true, pointerId: 3, button: 0, clientY }),
      );
    at('pointerdown', 200);
    at('pointermove', 250);
    flushSync();
    expect(onresize).toHaveBeenLastCalledWith(0.55);
    expect(root.style.gridTemplateRows).toBe('minmax(120px, 550fr) 5px minmax(160px, 450fr)');
    at('pointermove', 900);
    at('pointerup', 900);
    flushSync();
    expect(onresize).toHaveBeenLastCalledWith(0.68);
    expect(oncommit).toHaveBeenCalledTimes(1);
  });

  it('splits columns side by side, moved with Left and Right', () => {
    const { root, handle, onresize, oncommit } = split('columns');
    expect(root.style.gridTemplateColumns).toBe('minmax(120px, 450fr) 5px minmax(160px, 550fr)');
    expect(handle.getAttribute('aria-orientation')).toBe('vertical');
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(onresize).toHaveBeenLastCalledWith(0.47);
    expect(oncommit).toHaveBeenCalledTimes(1);
  });
});
