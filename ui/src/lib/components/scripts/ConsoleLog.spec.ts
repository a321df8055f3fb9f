// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptResult } from '../../bindings/ScriptResult';
import { consoleRows } from '../../script-results';
import { render, type Rendered } from '../../testing/render';
import ConsoleLog from './ConsoleLog.svelte';

const script: ScriptResult = {
  place: 'API / Login · test',
  listen: 'test',
  assertions: [],
  console: [
    { level: 'log', args: ['user', { id: 7, roles: ['admin'] }] },
    { level: 'warn', args: ['slow:', 1200] },
    { level: 'error', args: [null, true] },
  ],
  failure: null,
  visualizer: null,
};

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('ConsoleLog', () => {
  it('lists each line with its level, text and place, values other than strings as JSON', () => {
    shown = render(ConsoleLog, { rows: consoleRows([script]) });
    const lines = [...shown.target.querySelectorAll('[data-testid="console-line"]')];
    expect(lines.map((l) => l.getAttribute('data-level'))).toEqual(['log', 'warn', 'error']);
    expect(lines.map((l) => l.querySelector('.text')?.textContent)).toEqual([
      'user {"id":7,"roles":["admin"]}',
      'slow: 1200',
      'null true',
    ]);
    expect(lines[0]?.querySelector('.place')?.textContent).toBe('API / Login · test');
    expect(lines[2]?.classList.contains('error')).toBe(true);
  });

  it('says when the scripts wrote nothing', () => {
    shown = render(ConsoleLog, { rows: [] });
    expect(shown.target.querySelector('[data-testid="console-empty"]')).not.toBeNull();
    expect(shown.target.querySelector('[data-testid="console"]')).toBeNull();
  });
});
