import { describe, expect, it } from 'vitest';
import { wrapTarget } from './focus-trap';

describe('wrapTarget', () => {
  const items = ['input', 'cancel', 'ok'];

  it('wraps from the last element to the first on Tab', () => {
    expect(wrapTarget(items, 'ok', false)).toBe('input');
  });

  it('wraps from the first element to the last on Shift+Tab', () => {
    expect(wrapTarget(items, 'input', true)).toBe('ok');
  });

  it('lets the browser move focus inside the list', () => {
    expect(wrapTarget(items, 'input', false)).toBeNull();
    expect(wrapTarget(items, 'ok', true)).toBeNull();
  });

  it('pulls focus back in when it is outside', () => {
    expect(wrapTarget(items, null, false)).toBe('input');
    expect(wrapTarget(items, 'elsewhere', true)).toBe('ok');
  });

  it('has nowhere to go without focusable elements', () => {
    expect(wrapTarget([], null, false)).toBeNull();
  });
});
