// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { reactive } from '../../testing/reactive.svelte';
import { render, type Rendered } from '../../testing/render';
import Splitter from './Splitter.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

type Orientation = 'vertical' | 'horizontal';

/** A splitter at `value` (in 100..500, 10 per key, 2 per pixel) whose owner follows `onresize`,
 * as the window does. */
function splitter(orientation: Orientation = 'vertical', value = 300) {
  const onresize = vi.fn();
  const oncommit = vi.fn();
  const onreset = vi.fn();
  const props = reactive({
    orientation,
    label: 'Resize the sidebar',
    value,
    min: 100,
    max: 500,
    scale: 2,
    step: 10,
    onresize: (next: number) => {
      onresize(next);
      props.value = next;
    },
    oncommit,
    onreset,
  });
  shown = render(Splitter, props);
  const handle = shown.target.querySelector<HTMLElement>('[role="separator"]');
  if (!handle) throw new Error('no separator');
  return { handle, onresize, oncommit, onreset };
}

function pointer(handle: HTMLElement, type: string, at: number, orientation: Orientation) {
  const coordinates = orientation === 'vertical' ? { clientX: at } : { clientY: at };
  handle.dispatchEvent(
    new PointerEvent(type, { bubbles: true, pointerId: 1, button: 0, ...coordinates }),
  );
  flushSync();
}

function key(handle: HTMLElement, key: string, shiftKey = false) {
  handle.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  flushSync();
}

describe('Splitter', () => {
  it('is a focusable separator that says its size and bounds', () => {
    const { handle } = splitter('horizontal');
    expect(handle.tabIndex).toBe(0);
    expect(handle.getAttribute('aria-orientation')).toBe('horizontal');
    expect(handle.getAttribute('aria-label')).toBe('Resize the sidebar');
    expect(handle.getAttribute('aria-valuenow')).toBe('300');
    expect(handle.getAttribute('aria-valuemin')).toBe('100');
    expect(handle.getAttribute('aria-valuemax')).toBe('500');
  });

  it('follows a pointer drag along its axis, scaled, and keeps the size when released', () => {
    const { handle, onresize, oncommit } = splitter('vertical');
    pointer(handle, 'pointerdown', 50, 'vertical');
    pointer(handle, 'pointermove', 60, 'vertical');
    pointer(handle, 'pointermove', 75, 'vertical');
    expect(onresize.mock.calls).toEqual([[320], [350]]);
    expect(oncommit, 'nothing kept while it moves').not.toHaveBeenCalled();
    expect(handle.getAttribute('aria-valuenow')).toBe('350');
    pointer(handle, 'pointerup', 75, 'vertical');
    expect(oncommit).toHaveBeenCalledTimes(1);
    pointer(handle, 'pointermove', 200, 'vertical');
    expect(onresize, 'a move after the release does nothing').toHaveBeenCalledTimes(2);
  });

  it('drags a horizontal splitter up and down, clamped into its bounds', () => {
    const { handle, onresize, oncommit } = splitter('horizontal');
    pointer(handle, 'pointerdown', 400, 'horizontal');
    pointer(handle, 'pointermove', 0, 'horizontal');
    pointer(handle, 'pointermove', 1000, 'horizontal');
    pointer(handle, 'pointercancel', 1000, 'horizontal');
    expect(onresize.mock.calls).toEqual([[100], [500]]);
    expect(oncommit).toHaveBeenCalledTimes(1);
  });

  it('moves with the arrow keys of its axis, ten steps with Shift, and keeps each move', () => {
    const { handle, onresize, oncommit } = splitter('vertical');
    key(handle, 'ArrowRight');
    key(handle, 'ArrowLeft', true);
    key(handle, 'ArrowDown');
    expect(onresize.mock.calls).toEqual([[310], [210]]);
    expect(oncommit).toHaveBeenCalledTimes(2);
    expect(handle.getAttribute('aria-valuenow')).toBe('210');
  });

  it('moves a horizontal one with Up and Down, and stops at its bounds', () => {
    const { handle, onresize } = splitter('horizontal', 490);
    key(handle, 'ArrowDown');
    key(handle, 'ArrowDown');
    key(handle, 'ArrowUp');
    expect(onresize.mock.calls).toEqual([[500], [490]]);
  });

  it('goes to its bounds with Home and End, and back to its default with Enter or a double-click', () => {
    const { handle, onresize, onreset } = splitter('vertical');
    key(handle, 'Home');
    key(handle, 'End');
    expect(onresize.mock.calls).toEqual([[100], [500]]);
    key(handle, 'Enter');
    handle.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    expect(onreset).toHaveBeenCalledTimes(2);
  });

  it('leaves keys with Ctrl or Alt to the window', () => {
    const { handle, onresize, oncommit } = splitter('vertical');
    handle.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', ctrlKey: true, bubbles: true }),
    );
    expect(onresize).not.toHaveBeenCalled();
    expect(oncommit).not.toHaveBeenCalled();
  });
});
