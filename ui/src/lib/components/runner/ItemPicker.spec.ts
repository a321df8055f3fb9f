// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TreeNode } from '../../bindings/TreeNode';
import { render, type Rendered } from '../../testing/render';
import ItemPicker from './ItemPicker.svelte';

const items: TreeNode[] = [
  {
    kind: 'folder',
    id: 1,
    name: 'Users',
    children: [
      { kind: 'request', id: 2, name: 'List', method: 'GET', url: '' },
      { kind: 'request', id: 3, name: 'Create', method: 'POST', url: '' },
    ],
  },
  { kind: 'request', id: 4, name: 'Health', method: 'GET', url: '' },
];

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function boxes(target: HTMLElement): HTMLInputElement[] {
  return [...target.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
}

describe('ItemPicker', () => {
  it('shows a folder mixed when only some of its requests are checked', () => {
    const onchange = vi.fn<(checked: Set<number>) => void>();
    shown = render(ItemPicker, { items, checked: new Set([2, 4]), onchange });
    const [folder, list, create, health] = boxes(shown.target);
    expect(folder?.indeterminate).toBe(true);
    expect([list?.checked, create?.checked, health?.checked]).toEqual([true, false, true]);
    expect(shown.target.textContent).toContain('2 of 3 selected');
  });

  it('checks a folder’s requests together, each box labelled by its name', () => {
    const onchange = vi.fn<(checked: Set<number>) => void>();
    shown = render(ItemPicker, { items, checked: new Set([4]), onchange });
    const folder = boxes(shown.target)[0]!;
    expect(folder.closest('label')?.textContent).toContain('Users');
    folder.click();
    expect([...(onchange.mock.calls[0]![0] as Set<number>)].sort()).toEqual([2, 3, 4]);
  });

  it('selects and deselects everything', () => {
    const onchange = vi.fn<(checked: Set<number>) => void>();
    shown = render(ItemPicker, { items, checked: new Set([2, 3, 4]), onchange });
    const button = shown.target.querySelector<HTMLButtonElement>(
      '[data-testid="runner-select-all"]',
    )!;
    expect(button.textContent).toContain('Deselect all');
    button.click();
    expect((onchange.mock.calls[0]![0] as Set<number>).size).toBe(0);
  });
});
