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
import type { SendOutcome } from '../bindings/SendOutcome';
import { formatBytes, formatDuration } from '../response-format';
import { summariseTests } from '../script-results';
import { toUiError } from '../ui-error';
import { alerts } from './alerts.svelte';

/**
 * A response, a send a pre-request script skipped, or an error: each with what the request's
 * scripts did (a failed or skipped send keeps its pre-request scripts' results).
 */
export type Outcome = SendOutcome;

interface Entry {
  /** The send under way, `null` when none is. */
  sending: SendId | null;
  /** The last send's outcome, kept while the next one runs. */
  outcome: Outcome | null;
}

const IDLE: Entry = { sending: null, outcome: null };

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

  /** The text of the status region for request `id`: empty before its first send. */
  announcement(id: RequestId): string {
    const { sending, outcome } = this.#entry(id);
    if (sending) return 'Sending request…';
    return outcome ? summarise(outcome) : '';
  }

  /**
   * Sends request `id` as stored and records the outcome. Does nothing while a send of the same
   * request is under way. Resolves to the outcome, or `null` if no send started.
   */
  async send(id: RequestId): Promise<Outcome | null> {
    if (this.isSending(id)) return null;
    const sendId = `send-${this.#next++}-${Date.now().toString(36)}`;
    this.#put(id, { sending: sendId, outcome: this.outcome(id) });
    let outcome: Outcome;
    try {
      outcome = await api.sendRequest(id, sendId);
    } catch (e) {
      outcome = { kind: 'error', error: toUiError(e), scripts: [] };
    }
    if (this.#entry(id).sending === sendId) this.#put(id, { sending: null, outcome });
    return outcome;
  }

  /** Cancels the send of request `id` under way, if any; the send then ends as cancelled. */
  async cancel(id: RequestId): Promise<void> {
    const sendId = this.#entry(id).sending;
    if (sendId) await alerts.attempt(() => api.cancelRequest(sendId));
  }

  /** Forgets everything, for tests. */
  clear(): void {
    this.#entries = {};
  }
}

export const responses = new Responses();
