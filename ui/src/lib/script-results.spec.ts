import { describe, expect, it } from 'vitest';
import type { ScriptResult } from './bindings/ScriptResult';
import {
  consoleRows,
  errorPosition,
  formatArg,
  lastVisualization,
  summariseTests,
  testsBadge,
} from './script-results';

function script(place: string, more: Partial<ScriptResult> = {}): ScriptResult {
  return {
    place,
    listen: 'test',
    assertions: [],
    console: [],
    failure: null,
    visualizer: null,
    ...more,
  };
}

const collection = script('API · test', {
  assertions: [{ name: 'fast', passed: true, skipped: false, error: null }],
});
const request = script('API / Login · test', {
  assertions: [
    {
      name: 'is 200',
      passed: false,
      skipped: false,
      error: 'AssertionError: expected 404 to equal 200',
    },
    { name: 'later', passed: true, skipped: true, error: null },
    { name: 'has id', passed: true, skipped: false, error: null },
  ],
  console: [{ level: 'warn', args: ['token', { exp: 3 }, 7, null] }],
});
const broken = script('API / Login · pre-request', {
  listen: 'preRequest',
  failure: { kind: 'syntax', message: 'SyntaxError: unexpected token', line: 3, column: 7 },
});

describe('summariseTests', () => {
  it('lists every test with its place and counts skipped apart from passed', () => {
    const summary = summariseTests([broken, collection, request]);
    expect(summary.tests.map((t) => [t.name, t.place, t.outcome])).toEqual([
      ['fast', 'API · test', 'passed'],
      ['is 200', 'API / Login · test', 'failed'],
      ['later', 'API / Login · test', 'skipped'],
      ['has id', 'API / Login · test', 'passed'],
    ]);
    expect([summary.passed, summary.failed, summary.skipped]).toEqual([2, 1, 1]);
    expect(summary.errors).toEqual([{ ...broken.failure, place: 'API / Login · pre-request' }]);
  });

  it('badges the Tests tab with passed out of run, or an error mark', () => {
    expect(testsBadge(summariseTests([collection, request]))).toBe('2/3');
    expect(testsBadge(summariseTests([broken]))).toBe('!');
    expect(testsBadge(summariseTests([]))).toBeUndefined();
  });
});

describe('errorPosition', () => {
  it('gives line and column when known', () => {
    expect(errorPosition({ kind: 'error', message: '', line: 3, column: 7 })).toBe('line 3:7');
    expect(errorPosition({ kind: 'error', message: '', line: 3, column: null })).toBe('line 3');
    expect(errorPosition({ kind: 'timeout', message: '', line: null, column: null })).toBe('');
  });
});

describe('console', () => {
  it('shows strings as written and other values as JSON', () => {
    expect(formatArg('a "b"')).toBe('a "b"');
    expect(formatArg({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(formatArg(undefined)).toBe('undefined');
    expect(consoleRows([collection, request])).toEqual([
      { level: 'warn', place: 'API / Login · test', text: 'token {"exp":3} 7 null' },
    ]);
  });
});

describe('lastVisualization', () => {
  it('takes the one set last, with its place', () => {
    const first = script('A · test', { visualizer: { template: '1', data: null, options: null } });
    const second = script('A / B · test', {
      visualizer: { template: '2', data: 1, options: null },
    });
    expect(lastVisualization([first, second, request])).toEqual({
      template: '2',
      data: 1,
      options: null,
      place: 'A / B · test',
    });
    expect(lastVisualization([request])).toBeNull();
  });
});
