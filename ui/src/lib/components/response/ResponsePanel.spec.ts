// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptResult } from '../../bindings/ScriptResult';
import type { Outcome } from '../../state/responses.svelte';
import { exchangeOf } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import ResponsePanel from './ResponsePanel.svelte';

const preRequest: ScriptResult = {
  place: 'API / Login · pre-request',
  listen: 'preRequest',
  assertions: [{ name: 'token is set', passed: true, skipped: false, error: null }],
  console: [{ level: 'log', args: ['fetching a token'] }],
  failure: null,
  visualizer: null,
};

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function panel(outcome: Outcome | null, isSending = false): HTMLElement {
  shown = render(ResponsePanel, {
    outcome,
    isSending,
    announcement: '',
    actionStatus: '',
    oncopycurl: () => {},
    oncode: () => {},
    onsavebody: () => {},
    onsaveexample: () => {},
  });
  return shown.target;
}

const q = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`);

describe('ResponsePanel without a response', () => {
  it('shows the error and, beside it, the tests and console of the scripts that ran', () => {
    const root = panel({
      kind: 'error',
      error: { kind: 'http', message: 'connection refused', place: null },
      scripts: [preRequest],
    });
    expect(q(root, 'response-error')?.textContent).toContain('connection refused');
    expect(q(root, 'response-tab-tests')?.textContent).toContain('1/1');
    expect(root.textContent).toContain('token is set');
    expect(q(root, 'response-tab-body')).toBeNull();
  });

  it('says a skipped request was not sent, with its scripts', () => {
    const root = panel({ kind: 'skipped', scripts: [preRequest] });
    expect(q(root, 'response-skipped')?.textContent).toContain('skipped the request');
    expect(q(root, 'response-tab-console')).not.toBeNull();
  });

  it('shows no script tabs when no script ran', () => {
    const root = panel({
      kind: 'error',
      error: { kind: 'timeout', message: 'timed out', place: null },
      scripts: [],
    });
    expect(q(root, 'response-tab-tests')).toBeNull();
  });
});

describe('ResponsePanel while a send is under way', () => {
  it('replaces the previous response with a sending state (issue 12)', () => {
    const root = panel({ kind: 'response', exchange: exchangeOf(404, 'old'), scripts: [] }, true);
    expect(q(root, 'response-sending')?.textContent).toContain('Sending request');
    expect(q(root, 'response-status')).toBeNull();
    expect(q(root, 'response-tab-body')).toBeNull();
    expect(root.textContent).not.toContain('404');
  });

  it('replaces a previous error too', () => {
    const root = panel(
      { kind: 'error', error: { kind: 'http', message: 'refused', place: null }, scripts: [] },
      true,
    );
    expect(q(root, 'response-sending')).not.toBeNull();
    expect(q(root, 'response-error')).toBeNull();
  });

  it('shows the response again once the send is over', () => {
    const root = panel({ kind: 'response', exchange: exchangeOf(200, 'new'), scripts: [] });
    expect(q(root, 'response-sending')).toBeNull();
    expect(q(root, 'response-status')?.textContent).toContain('200');
  });
});
