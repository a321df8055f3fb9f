/**
 * Sends and what came of them, per request: the send under way (if any) and the last outcome,
 * a response (with what its scripts did) or an error. Each send gets a fresh id minted here before the command starts, so
 * `cancel` can reach it while it runs. Outcomes live in memory only, for as long as the window.
 *
 * A send's errors are its outcome, shown in the response panel, not in the alert area.
 */
import * as api from '../api';
import type { RequestId } from '../bindings/RequestId';
import type { SendId } from '../bindings/SendId';
import type { LiveEvent } from '../bindings/LiveEvent';
import type { SendOutcome } from '../bindings/SendOutcome';
import type { StreamEvent } from '../bindings/StreamEvent';
import { formatBytes, formatDuration } from '../response-format';
import { summariseTests } from '../script-results';
import { toUiError } from '../ui-error';
import { mark } from '../trace';
import { alerts } from './alerts.svelte';

/**
 * A response, a send a pre-request script skipped, or an error: each with what the request's
 * scripts did (a failed or skipped send keeps its pre-request scripts' results).
 */
export type Outcome = SendOutcome;

/** Most events a stream keeps in memory; older ones go first (`count` still counts them). */
export const STREAM_KEPT = 5000;

/** An event stream as it arrived: its status, the events kept and how many came in all. */
export interface LiveStream {
  status: number;
  /** The newest `STREAM_KEPT` events, oldest first, each with its time since its stream opened. */
  events: { atMs: number; event: StreamEvent }[];
  count: number;
  /** The last event's id (empty when none), what a reconnection sends as `Last-Event-ID`. */
  lastId: string;
  /** The last reconnection time the stream asked for, in milliseconds. */
  retryMs: number | null;
  /** How many times the stream was opened again after the server ended it. */
  reconnects: number;
}

/** How long a reconnection waits when the stream set no `retry` time (what browsers wait). */
export const DEFAULT_RETRY_MS = 3000;

interface Entry {
  /** The send under way, `null` when none is. */
  sending: SendId | null;
  /** The last send's outcome, kept while the next one runs. */
  outcome: Outcome | null;
  /** The last send's event stream, when its response was one. */
  stream: LiveStream | null;
  /** Whether a stream the server ends is opened again (as EventSource does). */
  reconnect: boolean;
  /** The reconnection waiting for its time, if any. */
  waiting: ReturnType<typeof setTimeout> | null;
}

const IDLE: Entry = { sending: null, outcome: null, stream: null, reconnect: false, waiting: null };

/**
 * `stream` after `heard`. A stream opened again (`resumed`) keeps the events so far and counts
 * the reconnection.
 */
export function withLiveEvent(
  stream: LiveStream | null,
  heard: LiveEvent,
  resumed = false,
): LiveStream | null {
  if (heard.kind === 'opened') {
    if (resumed && stream)
      return { ...stream, status: heard.status, reconnects: stream.reconnects + 1 };
    return { status: heard.status, events: [], count: 0, lastId: '', retryMs: null, reconnects: 0 };
  }
  if (!stream) return null;
  const kept = stream.events.length >= STREAM_KEPT ? stream.events.slice(1) : stream.events;
  return {
    ...stream,
    events: [...kept, { atMs: heard.atMs, event: heard.event }],
    count: stream.count + 1,
    lastId: heard.event.id,
    retryMs: heard.event.retry ?? stream.retryMs,
  };
}

/** What the status region says about an outcome. */
export function summarise(outcome: Outcome): string {
  const parts: string[] = [];
  if (outcome.kind === 'error') {
    if (outcome.error.kind === 'cancelled') return 'Request cancelled';
    parts.push(`Request failed: ${outcome.error.message}`);
  } else if (outcome.kind === 'skipped') {
    parts.push('Not sent: a pre-request script skipped the request');
  } else {
    const { status, reason, timings, body } = outcome.exchange.response;
    parts.push(`${status} ${reason}`, formatDuration(timings.totalMs), formatBytes(body.size));
  }
  const { passed, failed, errors } = summariseTests(outcome.scripts);
  if (passed + failed > 0) parts.push(`${passed} of ${passed + failed} tests passed`);
  if (errors.length > 0)
    parts.push(errors.length === 1 ? '1 script error' : `${errors.length} script errors`);
  return parts.join(', ');
}

export class Responses {
  #entries = $state.raw<Record<RequestId, Entry>>({});
  #next = 1;

  #entry(id: RequestId): Entry {
    return this.#entries[id] ?? IDLE;
  }

  #put(id: RequestId, entry: Entry): void {
    this.#entries = { ...this.#entries, [id]: entry };
  }

  isSending(id: RequestId): boolean {
    return this.#entry(id).sending !== null;
  }

  outcome(id: RequestId): Outcome | null {
    return this.#entry(id).outcome;
  }

  /** The event stream of request `id`'s last send, as far as it arrived. */
  stream(id: RequestId): LiveStream | null {
    return this.#entry(id).stream;
  }

  /** Whether request `id`'s event streams are opened again when the server ends them. */
  isReconnecting(id: RequestId): boolean {
    return this.#entry(id).reconnect;
  }

  /** Whether a reconnection of request `id`'s stream waits for its time. */
  isWaiting(id: RequestId): boolean {
    return this.#entry(id).waiting !== null;
  }

  /** Turns reconnecting request `id`'s event streams on or off (off drops a waiting one). */
  setReconnect(id: RequestId, on: boolean): void {
    const entry = this.#entry(id);
    if (!on && entry.waiting) clearTimeout(entry.waiting);
    this.#put(id, { ...entry, reconnect: on, waiting: on ? entry.waiting : null });
  }

  /** The text of the status region for request `id`: empty before its first send. */
  announcement(id: RequestId): string {
    const { sending, outcome, stream, waiting } = this.#entry(id);
    if (waiting && stream) return `Event stream ended, reconnecting`;
    if (sending && stream) return `Event stream open, ${stream.count} events`;
    if (sending) return 'Sending request…';
    return outcome ? summarise(outcome) : '';
  }

  /**
   * Sends request `id` as stored and records the outcome. Does nothing while a send of the same
   * request is under way. Resolves to the outcome, or `null` if no send started.
   */
  async send(id: RequestId, resume = false): Promise<Outcome | null> {
    if (this.isSending(id)) return null;
    const sendId = `send-${this.#next++}-${Date.now().toString(36)}`;
    const before = this.#entry(id);
    if (before.waiting) clearTimeout(before.waiting);
    const kept = resume ? before.stream : null;
    this.#put(id, { ...before, sending: sendId, stream: kept, waiting: null });
    let opened = false;
    const heard = (event: LiveEvent) => {
      const entry = this.#entry(id);
      if (entry.sending !== sendId) return;
      if (event.kind === 'opened') opened = true;
      this.#put(id, { ...entry, stream: withLiveEvent(entry.stream, event, resume) });
    };
    const lastEventId = resume && kept?.lastId ? kept.lastId : null;
    let outcome: Outcome;
    try {
      outcome = await api.sendRequest(id, sendId, heard, lastEventId);
      mark('send-answered');
    } catch (e) {
      outcome = { kind: 'error', error: toUiError(e), scripts: [] };
    }
    const entry = this.#entry(id);
    if (entry.sending !== sendId) return outcome;
    // While reconnecting is on, a stream is opened again after its retry time when the server
    // ended it, or when the network cut it (or refused a reconnection), as EventSource does.
    const cut =
      outcome.kind === 'error' &&
      (outcome.error.kind === 'network' || outcome.error.kind === 'timeout');
    const again =
      entry.reconnect &&
      entry.stream &&
      ((opened && outcome.kind === 'response') || (cut && (opened || resume)));
    const waiting = again
      ? setTimeout(() => {
          const now = this.#entry(id);
          this.#put(id, { ...now, waiting: null });
          if (now.reconnect && !now.sending) void this.send(id, true);
        }, entry.stream?.retryMs ?? DEFAULT_RETRY_MS)
      : null;
    this.#put(id, { ...entry, sending: null, outcome, waiting });
    return outcome;
  }

  /** Cancels the send of request `id` under way, if any; the send then ends as cancelled. */
  async cancel(id: RequestId): Promise<void> {
    const entry = this.#entry(id);
    if (entry.waiting) {
      clearTimeout(entry.waiting);
      this.#put(id, { ...entry, waiting: null });
    }
    const sendId = entry.sending;
    if (sendId) await alerts.attempt(() => api.cancelRequest(sendId));
  }

  /** Forgets everything, for tests. */
  clear(): void {
    for (const entry of Object.values(this.#entries))
      if (entry.waiting) clearTimeout(entry.waiting);
    this.#entries = {};
  }
}

export const responses = new Responses();
