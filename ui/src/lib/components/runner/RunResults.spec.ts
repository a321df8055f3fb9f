// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunStep } from '../../bindings/RunStep';
import { render, type Rendered } from '../../testing/render';
import RunResults from './RunResults.svelte';

function step(iteration: number, name: string, ok: boolean): RunStep {
  return {
    iteration,
    position: 0,
    request: ok ? 1 : 2,
    name,
    folders: ['Users'],
    method: 'GET',
    url: `http://127.0.0.1/${name}`,
    status: ok ? 200 : 500,
    timeMs: 12,
    size: 34,
    skipped: false,
    error: null,
    checks: [
      {
        name: 'status is 200',
        outcome: ok ? 'passed' : 'failed',
        message: ok ? null : 'AssertionError: expected 500 to equal 200',
        listen: 'test',
      },
      { name: 'later', outcome: 'skipped', message: null, listen: 'test' },
    ],
  };
}

const looped: RunStep = {
  ...step(1, 'loop', true),
  checks: [
    {
      name: 'Users / loop · test',
      outcome: 'error',
      message: 'Error: script timed out after 5000 ms (line 1, column 7)',
      listen: 'test',
    },
  ],
};

const refused: RunStep = {
  ...step(1, 'down', true),
  method: '',
  url: '',
  status: null,
  timeMs: null,
  size: null,
  error: 'connection refused by http://127.0.0.1:9',
  checks: [],
};

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function props(over: Partial<Parameters<typeof render>[1]> = {}) {
  return {
    steps: [step(0, 'list', true), step(0, 'create', false), refused],
    iteration: null,
    isRunning: false,
    failuresOnly: false,
    formats: ['json' as const],
    onfailuresonly: vi.fn(),
    onrerun: vi.fn(),
    onreport: vi.fn(),
    ...over,
  };
}

describe('RunResults', () => {
  it('groups requests under iteration headers with status, time, size and each check', () => {
    shown = render(RunResults, props());
    const { target } = shown;
    const headers = [...target.querySelectorAll('[data-testid="runner-iteration"]')];
    expect(headers.map((h) => h.textContent)).toEqual(['Iteration 1', 'Iteration 2']);
    expect(target.querySelector('[data-testid="runner-counts"]')?.textContent).toMatch(
      /3 requests · 1 passed · 1 failed · 2 skipped/,
    );
    const rows = [...target.querySelectorAll('[data-testid="runner-step"]')];
    expect(rows.map((r) => r.getAttribute('data-failed'))).toEqual(['false', 'true', 'true']);
    expect(rows[1]?.textContent).toContain('Users / create');
    expect(rows[1]?.textContent).toContain('http://127.0.0.1/create');
    expect(rows[1]?.querySelector('[data-testid="runner-step-status"]')?.textContent).toBe('500');
    const checks = [...rows[1]!.querySelectorAll('[data-testid="runner-check"]')];
    expect(checks.map((c) => c.getAttribute('data-outcome'))).toEqual(['failed', 'skipped']);
    expect(checks[0]?.textContent).toContain('AssertionError: expected 500 to equal 200');
    expect(rows[2]?.querySelector('[data-testid="runner-step-error"]')?.textContent).toBe(
      'connection refused by http://127.0.0.1:9',
    );
  });

  it('shows a script error with its place and line', () => {
    shown = render(RunResults, props({ steps: [looped] }));
    const check = shown.target.querySelector('[data-testid="runner-check"]');
    expect(check?.getAttribute('data-outcome')).toBe('error');
    expect(check?.textContent).toContain('Users / loop · test');
    expect(check?.textContent).toContain('(line 1, column 7)');
    expect(
      shown.target.querySelector('[data-testid="runner-step"]')?.getAttribute('data-failed'),
    ).toBe('true');
  });

  it('shows only failures when filtered, and offers re-running them and a report', () => {
    const p = props({ failuresOnly: true });
    shown = render(RunResults, p);
    const { target } = shown;
    expect(target.querySelectorAll('[data-testid="runner-step"]')).toHaveLength(2);
    const rerun = target.querySelector<HTMLButtonElement>('[data-testid="runner-rerun-failed"]')!;
    expect(rerun.textContent).toContain('Re-run failed (2)');
    rerun.click();
    expect(p.onrerun).toHaveBeenCalledOnce();
    target.querySelector<HTMLButtonElement>('[data-testid="runner-report-save"]')!.click();
    expect(p.onreport).toHaveBeenCalledWith('json');
    const filter = target.querySelector<HTMLInputElement>('[data-testid="runner-failures-only"]')!;
    filter.click();
    flushSync();
    expect(p.onfailuresonly).toHaveBeenCalledWith(false);
  });

  it('offers each report format by name and saves the one picked', () => {
    const p = props({ formats: ['json', 'junit', 'html'] });
    shown = render(RunResults, p);
    const select = shown.target.querySelector<HTMLSelectElement>(
      '[data-testid="runner-report-format"]',
    )!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['json', 'JSON (newman)'],
      ['junit', 'JUnit XML'],
      ['html', 'HTML'],
    ]);
    select.value = 'junit';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    shown.target.querySelector<HTMLButtonElement>('[data-testid="runner-report-save"]')!.click();
    expect(p.onreport).toHaveBeenCalledWith('junit');
  });

  it('shows the iteration under way and no report while running', () => {
    shown = render(RunResults, props({ isRunning: true, iteration: { index: 1, count: 3 } }));
    const { target } = shown;
    expect(target.querySelector('[data-testid="runner-iteration-progress"]')?.textContent).toMatch(
      /Iteration 2 of 3/,
    );
    expect(
      target.querySelector<HTMLButtonElement>('[data-testid="runner-rerun-failed"]')?.disabled,
    ).toBe(true);
  });

  it('offers no report when no format applies (a past run)', () => {
    shown = render(RunResults, props({ formats: [], onrerun: undefined }));
    expect(shown.target.querySelector('[data-testid="runner-report-save"]')).toBeNull();
    expect(shown.target.querySelector('[data-testid="runner-rerun-failed"]')).toBeNull();
  });
});
