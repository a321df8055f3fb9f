// @vitest-environment happy-dom
import { currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { EditorView } from '@codemirror/view';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scripts } from '../../bindings/Scripts';
import { render, type Rendered } from '../../testing/render';
import ScriptsEditor from './ScriptsEditor.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const scripts: Scripts = { preRequest: 'pm.variables.set("a", 1);', test: '' };

/** The editor `testid`, once its script has loaded (CodeEditor loads it on first use). */
async function editorOf(target: HTMLElement, testid: string): Promise<EditorView> {
  return vi.waitFor(() => {
    const content = target.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    const view = content && EditorView.findFromDOM(content);
    if (!view) throw new Error(`no editor ${testid}`);
    return view;
  });
}

function show(onchange = vi.fn(), onsave = vi.fn()) {
  shown = render(ScriptsEditor, { scripts, owner: 'folder', onchange, onsave });
  return { target: shown.target, onchange, onsave };
}

describe('ScriptsEditor', () => {
  it('shows the pre-request script first, named for its owner, and marks which have a script', async () => {
    const { target } = show();
    const view = await editorOf(target, 'script-pre-request');
    const content = target.querySelector('[data-testid="script-pre-request"]');
    expect(content?.getAttribute('aria-label')).toBe('Pre-request script of the folder');
    expect(view.state.doc.toString()).toBe(scripts.preRequest);
    expect(target.querySelector('[data-testid="script-test"]')).toBeNull();
    const labels = [...target.querySelectorAll('.phases label')].map((l) =>
      l.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).toEqual(['Pre-request •(has a script)', 'Tests']);
  });

  it('switches to the test script and reports edits as whole scripts, and leaving as a save', async () => {
    const { target, onchange, onsave } = show();
    target.querySelector<HTMLInputElement>('[data-testid="script-test-phase"]')?.click();
    flushSync();
    const view = await editorOf(target, 'script-test');
    expect(view.contentDOM.getAttribute('aria-label')).toBe('Tests script of the folder');
    view.dispatch({ changes: { from: 0, insert: 'pm.test("ok", () => {});' } });
    expect(onchange).toHaveBeenLastCalledWith({
      preRequest: scripts.preRequest,
      test: 'pm.test("ok", () => {});',
    });
    view.contentDOM.dispatchEvent(new Event('blur'));
    expect(onsave).toHaveBeenCalled();
  });

  it('completes the pm API in the editor', async () => {
    const { target } = show();
    const view = await editorOf(target, 'script-pre-request');
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: 'pm.response.' },
      selection: { anchor: 'pm.response.'.length },
    });
    startCompletion(view);
    await vi.waitFor(() => expect(currentCompletions(view.state).length).toBeGreaterThan(0));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(
      expect.arrayContaining(['code', 'json', 'to', 'responseTime']),
    );
  });
});
