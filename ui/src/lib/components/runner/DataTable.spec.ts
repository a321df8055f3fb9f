// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import DataTable from './DataTable.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('DataTable', () => {
  it('shows the first rows under their columns', () => {
    const data = {
      path: '/tmp/users.csv',
      columns: ['id', 'name'],
      rows: [
        ['1', 'ada'],
        ['2', 'bob'],
      ],
      count: 7,
    };
    shown = render(DataTable, { data, error: null });
    const { target } = shown;
    expect(target.textContent).toContain('/tmp/users.csv · 7 rows, first 2 shown');
    const heads = [...target.querySelectorAll('th')].map((th) => th.textContent);
    expect(heads).toEqual(['#', 'id', 'name']);
    const cells = [...target.querySelectorAll('tbody tr:first-child td')].map(
      (td) => td.textContent,
    );
    expect(cells).toEqual(['1', '1', 'ada']);
  });

  it('shows a parse error with its place as an alert', () => {
    const error = {
      kind: 'invalid',
      message: '/tmp/d.csv: line 3: a quoted field is not closed',
      place: '/tmp/d.csv',
    };
    shown = render(DataTable, { data: null, error });
    const alert = shown.target.querySelector('[data-testid="runner-data-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('line 3: a quoted field is not closed');
    expect(shown.target.querySelector('table')).toBeNull();
  });
});
