// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { reactive } from '../../testing/reactive.svelte';
import { render, type Rendered } from '../../testing/render';
import LayoutToggle from './LayoutToggle.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('LayoutToggle', () => {
  it('is a toggle button pressed while the layout is side by side, reporting each click', () => {
    const ontoggle = vi.fn();
    const props = reactive({ layout: 'stacked' as 'stacked' | 'sideBySide', ontoggle });
    shown = render(LayoutToggle, props);
    const button = shown.target.querySelector<HTMLButtonElement>('[data-testid="layout-toggle"]');
    if (!button) throw new Error('no toggle');
    expect(button.getAttribute('aria-label')).toBe('Side-by-side layout');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.title).toContain('beside');
    button.click();
    expect(ontoggle).toHaveBeenCalledTimes(1);
    props.layout = 'sideBySide';
    flushSync();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.title).toContain('Ctrl+Alt+V');
  });
});
