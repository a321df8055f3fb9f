import { describe, expect, it } from 'vitest';
import type { KeyLike } from './shortcuts';
import { tabAfterKey } from './tab-keys';

function key(k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('tabAfterKey', () => {
  it('moves with the arrows, wrapping at both ends', () => {
    expect(tabAfterKey(0, 4, key('ArrowRight'))).toBe(1);
    expect(tabAfterKey(3, 4, key('ArrowRight'))).toBe(0);
    expect(tabAfterKey(0, 4, key('ArrowLeft'))).toBe(3);
  });

  it('jumps with Home and End and ignores everything else', () => {
    expect(tabAfterKey(2, 4, key('Home'))).toBe(0);
    expect(tabAfterKey(1, 4, key('End'))).toBe(3);
    expect(tabAfterKey(1, 4, key('ArrowDown'))).toBeNull();
    expect(tabAfterKey(1, 4, key('ArrowRight', { altKey: true }))).toBeNull();
  });
});
