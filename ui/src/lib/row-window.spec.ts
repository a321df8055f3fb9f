import { describe, expect, it } from 'vitest';
import { endTop, rowAt, rowTop, rowWindow, totalHeight, type RowSpan } from './row-window';

const span = (over: Partial<RowSpan> = {}): RowSpan => ({
  count: 1000,
  rowHeight: 20,
  top: 0,
  height: 200,
  overscan: 0,
  ...over,
});

describe('row window', () => {
  it('draws the rows in view and stands the rest in with space', () => {
    expect(rowWindow(span({ top: 400 }))).toEqual({
      first: 20,
      last: 31,
      before: 400,
      after: 1000 * 20 - 31 * 20,
    });
    // The overscan is drawn on both sides, clamped to the list.
    expect(rowWindow(span({ top: 400, overscan: 5 }))).toMatchObject({ first: 15, last: 36 });
    expect(rowWindow(span({ top: 0, overscan: 5 }))).toMatchObject({ first: 0, before: 0 });
    const end = rowWindow(span({ top: endTop(span()), overscan: 5 }));
    expect(end).toMatchObject({ last: 1000, after: 0 });
  });

  it('an empty list draws nothing', () => {
    expect(rowWindow(span({ count: 0 }))).toEqual({ first: 0, last: 0, before: 0, after: 0 });
    expect(endTop(span({ count: 0 }))).toBe(0);
  });

  it('a tall row pushes the rows below it down and is found anywhere in its height', () => {
    const tall = span({ tall: { at: 10, height: 300 } });
    expect(totalHeight(tall)).toBe(1000 * 20 + 280);
    expect(rowTop(tall, 10)).toBe(200);
    expect(rowTop(tall, 11)).toBe(500);
    expect(rowAt(tall, 199)).toBe(9);
    expect(rowAt(tall, 200)).toBe(10);
    expect(rowAt(tall, 499)).toBe(10);
    expect(rowAt(tall, 500)).toBe(11);
    expect(rowAt(tall, 521)).toBe(12);
    // A view inside the tall row draws it and the rows after it that fit.
    expect(rowWindow({ ...tall, top: 350 })).toMatchObject({ first: 10, last: 14, before: 200 });
    expect(endTop(tall)).toBe(1000 * 20 + 280 - 200);
  });

  it('a tall row outside the list, or not taller, changes nothing', () => {
    expect(totalHeight(span({ tall: { at: 5000, height: 300 } }))).toBe(20000);
    expect(totalHeight(span({ tall: { at: 3, height: 10 } }))).toBe(20000);
    expect(rowAt(span({ tall: { at: 3, height: 10 } }), 100)).toBe(5);
  });

  it('clamps a view past either end to the list', () => {
    expect(rowAt(span(), -50)).toBe(0);
    expect(rowAt(span(), 1e9)).toBe(999);
  });
});
