import { describe, expect, it } from 'vitest';
import { afterFirstFrame, type Clock } from './first-frame';

/** A clock whose frames and timers run when the test says. */
function manualClock() {
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const clock: Clock = {
    requestAnimationFrame: (callback) => frames.push(callback),
    setTimeout: (callback) => timers.push(callback),
  };
  const drawFrame = () => frames.splice(0).forEach((f) => f());
  const runTimers = () => timers.splice(0).forEach((t) => t());
  return { clock, drawFrame, runTimers };
}

describe('afterFirstFrame', () => {
  it('waits for the next frame, then for a task after it', () => {
    const { clock, drawFrame, runTimers } = manualClock();
    let ran = 0;
    afterFirstFrame(() => (ran += 1), clock);
    runTimers();
    expect(ran).toBe(0);
    drawFrame();
    expect(ran).toBe(0);
    runTimers();
    expect(ran).toBe(1);
    drawFrame();
    runTimers();
    expect(ran).toBe(1);
  });
});
