// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEPS } from '../../classification';
import { render, type Rendered } from '../../testing/render';
import { workspaceOf } from '../../testing/fixtures';
import WorkspaceSwitcher from './WorkspaceSwitcher.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function props(classification: 'restricted' | 'internal' | 'public') {
  return {
    workspaces: [{ ...workspaceOf(1, 'Team'), classification }],
    currentId: 1,
    onselect: vi.fn(() => Promise.resolve()),
    oncreate: vi.fn(),
    onrename: vi.fn(),
    ondelete: vi.fn(),
    onclassify: vi.fn(),
    oncookies: vi.fn(),
  };
}

describe('WorkspaceSwitcher', () => {
  it('says what the current classification keeps, and what each option would', () => {
    shown = render(WorkspaceSwitcher, props('restricted'));
    const keeps = shown.target.querySelector('[data-testid="classification-keeps"]');
    expect(keeps?.textContent?.trim()).toBe(KEEPS.restricted);
    expect(keeps?.textContent).toContain('method, host, status, size and timing');
    expect(keeps?.textContent).toContain('no path, query, request name, headers or bodies');
    const select = shown.target.querySelector<HTMLSelectElement>(
      '[data-testid="workspace-classification"]',
    );
    expect(select?.getAttribute('aria-describedby')).toBe(keeps?.id);
    const titles = [...(select?.options ?? [])].map((o) => [o.value, o.title]);
    expect(titles).toEqual([
      ['restricted', KEEPS.restricted],
      ['internal', KEEPS.internal],
      ['public', KEEPS.public],
    ]);
  });

  it('hands a new classification to onclassify', () => {
    const p = props('internal');
    shown = render(WorkspaceSwitcher, p);
    const select = shown.target.querySelector<HTMLSelectElement>(
      '[data-testid="workspace-classification"]',
    );
    if (!select) throw new Error('no classification picker');
    select.value = 'restricted';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(p.onclassify).toHaveBeenCalledWith(1, 'restricted');
  });
});
