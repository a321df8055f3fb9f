// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptResult } from '../../bindings/ScriptResult';
import { summariseTests } from '../../script-results';
import { render, type Rendered } from '../../testing/render';
import TestResults from './TestResults.svelte';

const scripts: ScriptResult[] = [
  {
    place: 'API / Login · pre-request',
    listen: 'preRequest',
    assertions: [],
    console: [],
    failure: { kind: 'error', message: 'ReferenceError: token is not defined', line: 4, column: 9 },
    visualizer: null,
  },
  {
    place: 'API / Login · test',
    listen: 'test',
    assertions: [
      { name: 'status is 200', passed: true, skipped: false, error: null },
      {
        name: 'has an id',
        passed: false,
        skipped: false,
        error: 'AssertionError: expected undefined to exist',
      },
      { name: 'later', passed: true, skipped: true, error: null },
    ],
    console: [],
    failure: null,
    visualizer: null,
  },
];

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('TestResults', () => {
  it('counts passed, failed and skipped, and lists each test with its place', () => {
    shown = render(TestResults, { summary: summariseTests(scripts) });
    const { target } = shown;
    expect(target.querySelector('[data-testid="test-counts"]')?.textContent).toMatch(
      /1 passed,\s*1 failed,\s*1 skipped/,
    );
    const rows = [...target.querySelectorAll('[data-testid="test-row"]')];
    expect(rows.map((r) => r.getAttribute('data-outcome'))).toEqual([
      'passed',
      'failed',
      'skipped',
    ]);
    expect(rows[1]?.textContent).toContain('has an id');
    expect(rows[1]?.textContent).toContain('API / Login · test');
    expect(rows[1]?.querySelector('.message')?.textContent).toBe(
      'AssertionError: expected undefined to exist',
    );
    expect(rows[0]?.querySelector('.message')).toBeNull();
  });

  it('lists script errors with kind, place, line:column and message', () => {
    shown = render(TestResults, { summary: summariseTests(scripts) });
    const error = shown.target.querySelector('[data-testid="script-error"]');
    expect(error?.textContent).toContain('error');
    expect(error?.textContent).toContain('API / Login · pre-request, line 4:9');
    expect(error?.textContent).toContain('ReferenceError: token is not defined');
  });

  it('says when no test ran', () => {
    shown = render(TestResults, { summary: summariseTests([]) });
    expect(shown.target.textContent).toContain('No tests ran');
    expect(shown.target.querySelector('[data-testid="test-row"]')).toBeNull();
  });
});
