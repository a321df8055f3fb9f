/**
 * The Timing tab's waterfall, from whatever `Timings` fields the core sends.
 *
 * Fields are milliseconds named `…Ms`. `firstByteMs` and `totalMs` are points in time from the
 * start; any other `…Ms` field (e.g. `dnsMs`, `connectMs`, `tlsMs`, `sentMs`, `waitMs`,
 * `downloadMs`) is the duration of a phase, the phases following each other in a known order,
 * unknown ones after. With no phase durations, the waterfall is "Waiting for the first byte"
 * then "Downloading", from the two points. Missing and non-numeric fields are ignored: the core
 * sends `null` for a phase that did not happen (no TLS on plain HTTP, no lookup for an IP, no
 * connect on a reused connection, no redirects), and it is not drawn. Redirects come first: they
 * happen before the last hop, whose phases the others are.
 */

export interface Phase {
  /** The field the phase came from, or a derived id. */
  id: string;
  label: string;
  /** Where the bar starts and how long it is, in milliseconds from the start. */
  startMs: number;
  durationMs: number;
}

const POINTS = new Set(['firstByteMs', 'totalMs']);

const ORDER = [
  'redirectMs',
  'dnsMs',
  'connectMs',
  'tlsMs',
  'sentMs',
  'sendMs',
  'waitMs',
  'downloadMs',
];

const LABELS: Record<string, string> = {
  dnsMs: 'DNS lookup',
  connectMs: 'TCP connect',
  tlsMs: 'TLS handshake',
  redirectMs: 'Redirects',
  sentMs: 'Sending request',
  sendMs: 'Sending request',
  waitMs: 'Waiting (server)',
  downloadMs: 'Downloading',
};

/** `someThingMs` → `Some thing`. */
function labelOf(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field
    .replace(/Ms$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function numberAt(timings: object, field: string): number | null {
  const value = (timings as Record<string, unknown>)[field];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The phases to draw, in order, each starting where the previous one ended. */
export function phases(timings: object): Phase[] {
  const durations = Object.keys(timings)
    .filter((f) => f.endsWith('Ms') && !POINTS.has(f) && numberAt(timings, f) !== null)
    .sort((a, b) => rank(a) - rank(b));
  if (durations.length > 0) {
    let start = 0;
    return durations.map((id) => {
      const durationMs = numberAt(timings, id) ?? 0;
      const phase = { id, label: labelOf(id), startMs: start, durationMs };
      start += durationMs;
      return phase;
    });
  }
  const firstByte = numberAt(timings, 'firstByteMs');
  const total = numberAt(timings, 'totalMs');
  const result: Phase[] = [];
  if (firstByte !== null) {
    result.push({
      id: 'firstByte',
      label: 'Waiting for the first byte',
      startMs: 0,
      durationMs: firstByte,
    });
  }
  if (total !== null) {
    const start = firstByte ?? 0;
    result.push({
      id: 'download',
      label: 'Downloading',
      startMs: start,
      durationMs: Math.max(0, total - start),
    });
  }
  return result;
}

function rank(field: string): number {
  const i = ORDER.indexOf(field);
  return i === -1 ? ORDER.length : i;
}

/** The whole duration: `totalMs` when present, else where the last phase ends. */
export function totalOf(timings: object, list: Phase[]): number {
  const total = numberAt(timings, 'totalMs');
  if (total !== null) return total;
  return list.reduce((end, p) => Math.max(end, p.startMs + p.durationMs), 0);
}
