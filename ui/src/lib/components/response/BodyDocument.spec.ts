// @vitest-environment happy-dom
import { flushSync, tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../api';
import type { DocumentInfo } from '../../bindings/DocumentInfo';
import type { Line } from '../../bindings/Line';
import { render, type Rendered } from '../../testing/render';
import BodyDocument from './BodyDocument.svelte';

vi.mock('../../api');
const mocked = vi.mocked(api);

/** A million-line document: line N reads `"key N": N,`; line 0 opens a fold to the end. */
const ROWS = 1_000_000;
const info: DocumentInfo = { id: 7, lines: ROWS, rows: ROWS, isJson: true, bytes: 50_000_000 };

function line(number: number): Line {
  const fold = number === 0 ? { end: ROWS - 1, isCollapsed: false, tail: '' } : null;
  return { number, text: number === 0 ? '{' : `  "key ${number}": ${number},`, isCut: false, fold };
}

let shown: Rendered | undefined;
beforeEach(() => {
  vi.resetAllMocks();
  mocked.openDocument.mockResolvedValue(info);
  mocked.previewDocument.mockResolvedValue({ isJson: true, lines: [] });
  mocked.closeDocument.mockResolvedValue(null);
  mocked.documentLines.mockImplementation((_id, from, count) =>
    Promise.resolve({
      from,
      rows: ROWS,
      lines: Array.from({ length: Math.min(count, ROWS - from) }, (_, i) => line(from + i)),
    }),
  );
});
afterEach(() => shown?.destroy());

async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

async function open(): Promise<HTMLElement> {
  shown = render(BodyDocument, {
    source: { kind: 'file' as const, file: '/tmp/localpost/body-1' },
    options: { isRaw: false },
    label: 'Response body',
  });
  await settle();
  return shown.target;
}

function close() {
  shown?.destroy();
  shown = undefined;
}

const lines = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.line')];

describe('BodyDocument', () => {
  it('puts only the rows in view in the DOM, with a scrollbar for all of them', async () => {
    const root = await open();
    expect(mocked.openDocument).toHaveBeenCalledWith(
      { kind: 'file', file: '/tmp/localpost/body-1' },
      { isRaw: false },
    );
    const rows = lines(root);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.dataset.line).toBe('1');
    expect(rows[1]?.textContent).toContain('"key 1": 1,');
    // Keys are coloured, numbers too: cheap per-line tokens.
    expect(rows[1]?.querySelector('.key')?.textContent).toBe('"key 1"');
    const spacer = root.querySelector<HTMLElement>('.spacer');
    expect(spacer?.style.height).toBe('8000000px');
    const fetched = mocked.documentLines.mock.calls.at(-1);
    expect(fetched?.[2]).toBeLessThanOrEqual(300);
    expect(root.querySelector('[data-testid="document-size"]')?.textContent).toContain(
      '1,000,000 lines',
    );
  });

  it('toggles a fold through the core and shows the rows it returns', async () => {
    const root = await open();
    mocked.toggleFold.mockResolvedValue({ ...info, rows: 1 });
    mocked.documentLines.mockResolvedValue({
      from: 0,
      rows: 1,
      lines: [
        { number: 0, text: '{', isCut: false, fold: { end: 9, isCollapsed: true, tail: '}' } },
      ],
    });
    root.querySelector<HTMLButtonElement>('[data-testid="fold-1"]')?.click();
    await settle();
    expect(mocked.toggleFold).toHaveBeenCalledWith(7, 0);
    const rows = lines(root);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('{…}');
    expect(root.querySelector('[data-testid="fold-1"]')?.getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('searches in the core, jumps to the match deep in the body and marks it', async () => {
    const root = await open();
    mocked.searchDocument.mockResolvedValue({
      matches: [
        { line: 654_321, start: 3, end: 13 },
        { line: 900_000, start: 3, end: 13 },
      ],
      total: 2,
    });
    mocked.revealLine.mockResolvedValue([654_321, info]);
    const input = root.querySelector<HTMLInputElement>('[data-testid="document-search"]');
    if (!input) throw new Error('no search box');
    input.value = 'KEY 654321';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(mocked.searchDocument).toHaveBeenCalledWith(7, 'KEY 654321', false);
    expect(mocked.revealLine).toHaveBeenCalledWith(7, 654_321);
    const status = root.querySelector('[data-testid="document-search-status"]');
    expect(status?.textContent).toBe('1 of 2');
    const current = root.querySelector('.line .current');
    expect(current?.textContent).toBe('key 654321');
    expect(current?.closest<HTMLElement>('.line')?.dataset.line).toBe('654322');
    // Enter again moves to the next match.
    mocked.revealLine.mockResolvedValue([900_000, info]);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(mocked.revealLine).toHaveBeenLastCalledWith(7, 900_000);
    expect(status?.textContent).toBe('2 of 2');
  });

  it('shows the first rows while the body is formatted, then the document', async () => {
    let opened: (value: DocumentInfo) => void = () => {};
    mocked.openDocument.mockReturnValue(new Promise((resolve) => (opened = resolve)));
    mocked.previewDocument.mockResolvedValue({
      isJson: true,
      lines: Array.from({ length: 300 }, (_, i) => ({ ...line(i), fold: null })),
    });
    const root = await open();
    expect(mocked.previewDocument).toHaveBeenCalledWith(
      { kind: 'file', file: '/tmp/localpost/body-1' },
      { isRaw: false },
    );
    let rows = lines(root);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[1]?.textContent).toContain('"key 1": 1,');
    expect(rows[1]?.querySelector('.key')?.textContent).toBe('"key 1"');
    // No folds, and no fold-all, until the document is open; the scrollbar is the preview's.
    expect(root.querySelector('[data-testid="fold-1"]')).toBeNull();
    expect(root.querySelector('[data-testid="fold-all"]')).toBeNull();
    expect(root.querySelector<HTMLElement>('.spacer')?.style.height).toBe(`${300 * 18}px`);
    expect(root.querySelector('[data-testid="document-previewing"]')).not.toBeNull();
    expect(mocked.documentLines).not.toHaveBeenCalled();

    opened(info);
    await settle();
    rows = lines(root);
    expect(root.querySelector('[data-testid="fold-1"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="document-previewing"]')).toBeNull();
    expect(root.querySelector('[data-testid="document-size"]')?.textContent).toContain(
      '1,000,000 lines',
    );
    expect(root.querySelector<HTMLElement>('.spacer')?.style.height).toBe('8000000px');
    expect(rows[1]?.textContent).toContain('"key 1": 1,');
  });

  it('keeps the preview out once the document is open first', async () => {
    let previewed: (value: { isJson: boolean; lines: Line[] }) => void = () => {};
    mocked.previewDocument.mockReturnValue(new Promise((resolve) => (previewed = resolve)));
    const root = await open();
    previewed({ isJson: false, lines: [{ number: 0, text: 'stale', isCut: false, fold: null }] });
    await settle();
    expect(lines(root)[0]?.textContent).toContain('{');
    expect(root.textContent).not.toContain('stale');
  });

  it('shows why a body could not be opened and closes its document when it goes', async () => {
    mocked.openDocument.mockRejectedValueOnce({
      kind: 'invalid',
      message: 'invalid JSONPath $[: unexpected end',
      place: 'filter',
    });
    const root = await open();
    expect(root.querySelector('[data-testid="document-error"]')?.textContent).toContain(
      'invalid JSONPath',
    );
    close();
    const again = await open();
    expect(lines(again).length).toBeGreaterThan(0);
    close();
    expect(mocked.closeDocument).toHaveBeenCalledWith(7);
  });
});
