/**
 * Marks on the page's timeline for the desktop measures (`make bench` with
 * `LOCALPOST_BENCH_TRACE=1` prints them). Each name keeps only its latest mark, so a long
 * session does not pile them up.
 */
export function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}
