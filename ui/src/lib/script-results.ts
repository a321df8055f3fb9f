/**
 * What the response panel shows of a send's scripts (`ScriptResult[]`, outermost first, as the
 * core ran them): the tests with their counts, the scripts that stopped with an error, the
 * console lines and the visualizer a script left. Pure functions over the core's results.
 */
import type { ConsoleLevel } from './bindings/ConsoleLevel';
import type { ScriptFailure } from './bindings/ScriptFailure';
import type { ScriptResult } from './bindings/ScriptResult';

/** One test (`pm.test`, `tests[…]`) with the script it ran in. */
export interface TestRow {
  name: string;
  place: string;
  /** `passed`, `failed` or `skipped` (a skipped test counts as passed in newman; not here). */
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed. */
  error: string | null;
}

/** A script that stopped with an error, with its place. */
export interface ErrorRow extends ScriptFailure {
  place: string;
}

export interface TestSummary {
  tests: TestRow[];
  errors: ErrorRow[];
  passed: number;
  failed: number;
  skipped: number;
}

/** The tests of all scripts in order, their counts and the scripts' errors. */
export function summariseTests(scripts: ScriptResult[]): TestSummary {
  const tests: TestRow[] = scripts.flatMap((s) =>
    s.assertions.map((a) => ({
      name: a.name,
      place: s.place,
      outcome: a.skipped ? 'skipped' : a.passed ? 'passed' : 'failed',
      error: a.error,
    })),
  );
  const errors: ErrorRow[] = scripts.flatMap((s) =>
    s.failure ? [{ ...s.failure, place: s.place }] : [],
  );
  const count = (o: TestRow['outcome']) => tests.filter((t) => t.outcome === o).length;
  return {
    tests,
    errors,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}

/**
 * The badge of the Tests tab: passed out of those that ran (`3/4`), `!` when a script failed
 * and no test ran, or nothing when there is nothing to show.
 */
export function testsBadge(summary: TestSummary): string | undefined {
  const ran = summary.passed + summary.failed;
  if (ran > 0) return `${summary.passed}/${ran}`;
  if (summary.errors.length > 0) return '!';
  return summary.skipped > 0 ? '0/0' : undefined;
}

/** Where a script error happened in its script: `line 3:7`, `line 3`, or empty. */
export function errorPosition(failure: ScriptFailure): string {
  if (failure.line === null) return '';
  return failure.column === null
    ? `line ${failure.line}`
    : `line ${failure.line}:${failure.column}`;
}

/** One console line with the script that wrote it. */
export interface ConsoleRow {
  level: ConsoleLevel;
  place: string;
  text: string;
}

/** A console argument as shown: strings as they are, anything else as JSON. */
export function formatArg(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every console line of the send, in order, its arguments joined by spaces. */
export function consoleRows(scripts: ScriptResult[]): ConsoleRow[] {
  return scripts.flatMap((s) =>
    s.console.map((line) => ({
      level: line.level,
      place: s.place,
      text: line.args.map(formatArg).join(' '),
    })),
  );
}

/** What `pm.visualizer.set` left, with the script that set it. */
export interface Visualization {
  template: string;
  data: unknown;
  options: unknown;
  place: string;
}

/** The visualizer set last (a later script's replaces an earlier one's), or `null`. */
export function lastVisualization(scripts: ScriptResult[]): Visualization | null {
  for (let i = scripts.length - 1; i >= 0; i--) {
    const s = scripts[i];
    if (s?.visualizer) return { ...s.visualizer, place: s.place };
  }
  return null;
}
