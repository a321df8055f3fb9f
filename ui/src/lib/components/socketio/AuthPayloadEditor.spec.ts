// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import AuthPayloadEditor from './AuthPayloadEditor.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function editor(payload: string) {
  const onchange = vi.fn();
  const onsave = vi.fn();
  shown = render(AuthPayloadEditor, { payload, onchange, onsave });
  const q = (id: string) => shown!.target.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { q, onchange, onsave };
}

describe('AuthPayloadEditor', () => {
  it('reports edits and saves on leaving', () => {
    const { q, onchange, onsave } = editor('');
    const area = q('sio-auth-payload-text') as HTMLTextAreaElement;
    area.value = '{"token": "t"}';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith('{"token": "t"}');
    area.dispatchEvent(new Event('blur'));
    expect(onsave).toHaveBeenCalled();
    expect(q('sio-auth-payload-problem')).toBeNull();
  });

  it('says when the payload is plainly not a JSON object, not when it holds variables', () => {
    expect(editor('[1]').q('sio-auth-payload-problem')?.textContent).toContain('JSON object');
    shown?.destroy();
    expect(editor('{nope').q('sio-auth-payload-problem')?.textContent).toContain('not valid JSON');
    shown?.destroy();
    expect(editor('{"t": {{token}}}').q('sio-auth-payload-problem')).toBeNull();
  });
});
