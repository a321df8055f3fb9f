// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabView } from '../../state/tabs.svelte';
import { render, type Rendered } from '../../testing/render';
import TabBar from './TabBar.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const TABS: TabView[] = [
  { key: 'request-1', name: 'List users', method: 'GET', isDirty: false },
  { key: 'request-2', name: 'Create user', method: 'POST', isDirty: true },
  { key: 'collection-3', name: 'Users API', method: null, isDirty: false },
];

function bar(active: number | null = 0) {
  const onselect = vi.fn();
  const onclose = vi.fn();
  const onnew = vi.fn();
  shown = render(TabBar, { tabs: TABS, active, onselect, onclose, onnew });
  const root = shown.target;
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  return { root, tabs, onselect, onclose, onnew };
}

const key = (target: Element, k: string) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  flushSync();
};

describe('TabBar', () => {
  it('shows each tab with its method badge, name and, when dirty, the unsaved marker', () => {
    const { root, tabs } = bar();
    expect(root.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe(
      'Open requests',
    );
    expect(tabs.map((t) => t.querySelector('[data-testid="tab-name"]')?.textContent)).toEqual([
      'List users',
      'Create user',
      'Users API',
    ]);
    expect(tabs[0]?.textContent).toContain('GET');
    expect(tabs[1]?.textContent).toContain('POST');
    // A collection tab has no method badge.
    expect(tabs[2]?.textContent?.trim()).toBe('Users API');
    expect(tabs.map((t) => t.querySelector('[data-testid="tab-dirty"]') !== null)).toEqual([
      false,
      true,
      false,
    ]);
    expect(tabs[1]?.textContent).toContain('(unsaved changes)');
  });

  it('marks the active tab selected and the only one in the tab order', () => {
    const { tabs } = bar(1);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
  });

  it('selects on click and moves with the arrow keys, Home and End, wrapping', () => {
    const { tabs, onselect } = bar(0);
    tabs[2]?.click();
    expect(onselect).toHaveBeenLastCalledWith(2);
    key(tabs[0]!, 'ArrowLeft');
    expect(onselect).toHaveBeenLastCalledWith(2);
    key(tabs[0]!, 'ArrowRight');
    expect(onselect).toHaveBeenLastCalledWith(1);
    key(tabs[1]!, 'End');
    expect(onselect).toHaveBeenLastCalledWith(2);
    key(tabs[2]!, 'Home');
    expect(onselect).toHaveBeenLastCalledWith(0);
  });

  it('closes with its close button, a middle click or Delete, and opens a new tab with +', () => {
    const { root, tabs, onclose, onnew, onselect } = bar(0);
    const close = root.querySelectorAll<HTMLButtonElement>('[data-testid="tab-close"]');
    expect(close[1]?.getAttribute('aria-label')).toBe('Close Create user');
    close[1]?.click();
    expect(onclose).toHaveBeenLastCalledWith(1);
    tabs[2]?.parentElement?.dispatchEvent(new MouseEvent('auxclick', { button: 1, bubbles: true }));
    expect(onclose).toHaveBeenLastCalledWith(2);
    // Another button's auxclick (right click) does nothing.
    tabs[0]?.parentElement?.dispatchEvent(new MouseEvent('auxclick', { button: 2, bubbles: true }));
    expect(onclose).toHaveBeenCalledTimes(2);
    key(tabs[0]!, 'Delete');
    expect(onclose).toHaveBeenLastCalledWith(0);
    expect(onselect).not.toHaveBeenCalled();
    root.querySelector<HTMLButtonElement>('[data-testid="new-tab"]')?.click();
    expect(onnew).toHaveBeenCalledOnce();
  });
});
