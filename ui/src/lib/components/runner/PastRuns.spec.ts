// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../bindings/RunRecord';
import { render, type Rendered } from '../../testing/render';
import PastRuns from './PastRuns.svelte';

function record(id: number, over: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    collectionId: 1,
    collectionName: 'Users API',
    startedMs: 0,
    durationMs: 1500,
    meanResponseMs: 3,
    counts: {
      iterations: 2,
      requests: 4,
      failedRequests: 1,
      assertions: 4,
      passed: 3,
      failed: 1,
      skipped: 0,
      errors: 0,
    },
    cancelled: false,
    kept: 'sealed',
    ...over,
  };
}

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('PastRuns', () => {
  it('lists runs with counts, opens one and deletes one or all', () => {
    const onopen = vi.fn();
    const ondelete = vi.fn();
    const runs = [record(2, { kept: 'summary', cancelled: true }), record(1)];
    shown = render(PastRuns, { runs, onopen, ondelete });
    const { target } = shown;
    const items = [
      ...target.querySelectorAll<HTMLButtonElement>('[data-testid="runner-past-run"]'),
    ];
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('3 passed, 1 failed');
    expect(items[0]?.textContent).toContain('stopped');
    expect(items[0]?.textContent).toContain('counts only');
    expect(items[1]?.textContent).not.toContain('counts only');
    items[1]!.click();
    expect(onopen).toHaveBeenCalledWith(1);
    target.querySelector<HTMLButtonElement>('[data-testid="runner-past-delete"]')!.click();
    expect(ondelete).toHaveBeenCalledWith([2]);
    target.querySelector<HTMLButtonElement>('[data-testid="runner-past-clear"]')!.click();
    expect(ondelete).toHaveBeenLastCalledWith([2, 1]);
  });

  it('says when there are none', () => {
    const runs: RunRecord[] = [];
    const onopen = vi.fn<(id: number) => void>();
    const ondelete = vi.fn<(ids: number[]) => void>();
    shown = render(PastRuns, { runs, onopen, ondelete });
    expect(shown.target.textContent).toContain('No runs yet.');
  });
});
