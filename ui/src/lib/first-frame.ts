/**
 * Work the window's first frame does not show: the stored preferences beyond their look (the
 * shell handed that over with the first frame, `boot.ts`), the open tabs, history, runs and the
 * keychain's state. Each is an IPC call whose answer, had it come before the first frame, would
 * have run in the page just as that frame was due.
 */

/** The frame scheduler and timer, replaceable in tests. */
export interface Clock {
  requestAnimationFrame: (callback: () => void) => unknown;
  setTimeout: (callback: () => void, ms: number) => unknown;
}

/**
 * Runs `work` once the next frame has been drawn: a timer set from inside the frame's
 * animation callback runs after that frame, not before it.
 */
export function afterFirstFrame(work: () => void, clock: Clock = globalThis): void {
  clock.requestAnimationFrame(() => {
    clock.setTimeout(work, 0);
  });
}
