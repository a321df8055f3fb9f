/**
 * Marks on the page's timeline for the desktop measures (`make bench` with
 * `LOCALPOST_BENCH_TRACE=1` prints them). Each name keeps only its latest mark, so a long
 * session does not pile them up.
 */
export function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** How many of the window's first IPC calls are timed (the start's; a long session adds none). */
const TRACED_CALLS = 40;
let traced = 0;

/**
 * Runs `call` (the IPC command `command`); one of the window's first [`TRACED_CALLS`] is
 * recorded as a measure `ipc <command>` from its start to its answer.
 */
export function traceCall<T>(command: string, call: () => Promise<T>): Promise<T> {
  if (traced >= TRACED_CALLS) return call();
  traced += 1;
  const start = performance.now();
  const done = () => {
    performance.measure(`ipc ${command}`, { start, end: performance.now() });
  };
  const answer = call();
  answer.then(done, done);
  return answer;
}
