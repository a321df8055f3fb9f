// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { render, type Rendered } from '../../testing/render';
import SendingState from './SendingState.svelte';

let shown: Rendered | undefined;
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
afterEach(() => {
  shown?.destroy();
  vi.useRealTimers();
});

const elapsed = (root: HTMLElement) =>
  root.querySelector('[data-testid="sending-elapsed"]')?.textContent?.trim();

describe('SendingState', () => {
  it('counts the time the send has taken, in tenths of a second', () => {
    shown = render(SendingState, {});
    const root = shown.target;
    expect(root.textContent).toContain('Sending request…');
    expect(elapsed(root)).toBe('0.0 s');
    vi.advanceTimersByTime(1_300);
    flushSync();
    expect(elapsed(root)).toBe('1.3 s');
    vi.advanceTimersByTime(12_000);
    flushSync();
    expect(elapsed(root)).toBe('13.3 s');
  });

  it('stops counting when it goes', () => {
    shown = render(SendingState, {});
    shown.destroy();
    shown = undefined;
    expect(vi.getTimerCount()).toBe(0);
  });
});
