/**
 * What a key pressed on a tab does, following the WAI-ARIA tabs pattern with automatic
 * activation: Left and Right move to the previous and next tab (wrapping), Home and End to the
 * first and last. Pure, so it is unit tested.
 */
import { isPlain, type KeyLike } from './shortcuts';

/** The index of the tab to select after `e` on tab `index` of `count`, or `null`. */
export function tabAfterKey(index: number, count: number, e: KeyLike): number | null {
  if (!isPlain(e) || count === 0) return null;
  switch (e.key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
