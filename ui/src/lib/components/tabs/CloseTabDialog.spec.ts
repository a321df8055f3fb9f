// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import CloseTabDialog from './CloseTabDialog.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function dialog() {
  const onanswer = vi.fn();
  shown = render(CloseTabDialog, { name: 'Create user', onanswer });
  const button = (id: string) =>
    shown!.target.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
  return { root: shown.target, onanswer, button };
}

describe('CloseTabDialog', () => {
  it('names the request and offers Save, Discard and Cancel, Save focused', () => {
    const { root, button } = dialog();
    expect(root.querySelector('[data-testid="close-message"]')?.textContent).toContain(
      '“Create user” has unsaved changes',
    );
    expect(root.querySelector('dialog')?.getAttribute('role')).toBe('alertdialog');
    expect(document.activeElement).toBe(button('close-save'));
  });

  it('answers with the button pressed', () => {
    const { onanswer, button } = dialog();
    button('close-save').click();
    button('close-discard').click();
    button('close-cancel').click();
    expect(onanswer.mock.calls).toEqual([['save'], ['discard'], ['cancel']]);
  });

  it('answers Cancel to Escape', () => {
    const { root, onanswer } = dialog();
    root
      .querySelector('dialog')
      ?.dispatchEvent(new Event('cancel', { bubbles: false, cancelable: true }));
    expect(onanswer).toHaveBeenCalledWith('cancel');
  });
});
