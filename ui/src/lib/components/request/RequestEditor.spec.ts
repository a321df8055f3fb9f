// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMON_METHODS, type Draft } from '../../state/editor.svelte';
import { requestOf } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import RequestEditor from './RequestEditor.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function editor(method: string) {
  const onedit = vi.fn();
  const onsave = vi.fn();
  const onleave = vi.fn();
  const { name, url, params, pathVariables, headers, body, auth, settings, scripts } = requestOf(
    1,
    'Ping',
    method,
    'http://127.0.0.1:1/',
  );
  const draft = {
    name,
    method,
    url,
    params,
    pathVariables,
    headers,
    body,
    auth,
    settings,
    scripts,
  };
  shown = render(RequestEditor, {
    draft: draft as Draft,
    methods: COMMON_METHODS,
    status: '',
    isError: false,
    isSending: false,
    scope: null,
    onedit,
    onleave,
    onsave,
    onsend: () => {},
    oncancel: () => {},
  });
  return { root: shown.target, onedit, onsave, onleave };
}

const keydown = (target: Element, key: string) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  flushSync();
};

describe('RequestEditor', () => {
  it('has a method picker, not a free-text field, in the URL bar (issue 12)', () => {
    const { root } = editor('GET');
    const method = root.querySelector('[data-testid="request-method"]')!;
    expect(method.getAttribute('role')).toBe('combobox');
    expect(root.querySelector('datalist')).toBeNull();
    // Joined: the picker and the URL field share the bar.
    const bar = method.closest('.bar');
    expect(bar?.querySelector('[data-testid="request-url"]')).not.toBeNull();
  });

  it('keeps a method picked from the list as an edit, without saving it', () => {
    const { root, onedit, onsave, onleave } = editor('GET');
    const method = root.querySelector('[data-testid="request-method"]')!;
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter']) {
      keydown(method, key);
    }
    expect(onedit).toHaveBeenCalledWith('method', 'PATCH');
    expect(onleave).toHaveBeenCalled();
    expect(onsave).not.toHaveBeenCalled();
  });

  it('labels the method and the URL', () => {
    const { root } = editor('PURGE');
    const method = root.querySelector<HTMLInputElement>('[data-testid="request-method"]')!;
    expect(root.querySelector(`label[for="${method.id}"]`)?.textContent).toBe('Method');
    expect(method.value).toBe('PURGE');
  });
});
