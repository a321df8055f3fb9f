/**
 * gRPC calls, per request: the methods its descriptor source offers, the call under way (or
 * what came of the last: its response metadata, a bounded timeline of its messages, the status
 * and trailers). Each call gets an id minted here before the command starts, so a message, the
 * end of the stream or a cancel can reach it while it runs. Everything lives in memory only,
 * for as long as the window.
 */
import * as api from '../api';
import type { CallEvent } from '../bindings/CallEvent';
import type { Frame } from '../bindings/Frame';
import type { GrpcMessage } from '../bindings/GrpcMessage';
import type { GrpcMethod } from '../bindings/GrpcMethod';
import type { GrpcShape } from '../bindings/GrpcShape';
import type { GrpcStatus } from '../bindings/GrpcStatus';
import type { Header } from '../bindings/Header';
import type { RequestId } from '../bindings/RequestId';
import type { SendId } from '../bindings/SendId';
import type { UiError } from '../bindings/UiError';
import { toUiError } from '../ui-error';
import { type Timeline, withFrames } from './sockets.svelte';

export type CallState = 'idle' | 'calling' | 'ended';

export interface GrpcCallView {
  /** The call under way, `null` when none is. */
  id: SendId | null;
  state: CallState;
  /** Whether the caller ended the request stream of the call under way. */
  isStreamEnded: boolean;
  /** The response metadata, once the server answered. */
  headers: Header[] | null;
  /** The messages both ways, as timeline rows (JSON text). */
  timeline: Timeline;
  status: GrpcStatus | null;
  trailers: Header[];
  totalMs: number | null;
  /** Why the call could not be made, or why a message did not go. */
  error: UiError | null;
}

export interface MethodList {
  methods: GrpcMethod[];
  isLoading: boolean;
  error: UiError | null;
}

const IDLE: GrpcCallView = {
  id: null,
  state: 'idle',
  isStreamEnded: false,
  headers: null,
  timeline: { frames: [], count: 0 },
  status: null,
  trailers: [],
  totalMs: null,
  error: null,
};

const NO_METHODS: MethodList = { methods: [], isLoading: false, error: null };

/** A message as a timeline row: JSON text, so the timeline pretty-prints and searches it. */
export function toFrame(message: GrpcMessage): Frame {
  return {
    direction: message.direction,
    kind: 'text',
    atMs: message.atMs,
    size: message.size,
    data: { encoding: 'text', text: message.json },
  };
}

/** Whether a method of `shape` takes a stream of messages from the client. */
export function isClientStreaming(shape: GrpcShape | undefined): boolean {
  return shape === 'clientStreaming' || shape === 'bidirectional';
}

/** Words for a shape, as the method picker shows it. */
export function shapeLabel(shape: GrpcShape): string {
  switch (shape) {
    case 'unary':
      return 'unary';
    case 'serverStreaming':
      return 'server streaming';
    case 'clientStreaming':
      return 'client streaming';
    case 'bidirectional':
      return 'bidirectional';
  }
}

export class GrpcCalls {
  #calls = $state.raw<Record<RequestId, GrpcCallView>>({});
  #methods = $state.raw<Record<RequestId, MethodList>>({});
  #next = 1;

  call(id: RequestId): GrpcCallView {
    return this.#calls[id] ?? IDLE;
  }

  methods(id: RequestId): MethodList {
    return this.#methods[id] ?? NO_METHODS;
  }

  #put(id: RequestId, entry: GrpcCallView): void {
    this.#calls = { ...this.#calls, [id]: entry };
  }

  isActive(id: RequestId): boolean {
    return this.call(id).id !== null;
  }

  /** The text of the status region for request `id`. */
  announcement(id: RequestId): string {
    const { state, timeline, status, error, isStreamEnded } = this.call(id);
    if (state === 'calling') {
      const ended = isStreamEnded ? ', stream ended' : '';
      return `Calling…, ${timeline.count} messages${ended}`;
    }
    if (status) {
      const message = status.message ? `: ${status.message}` : '';
      return `${status.code} ${status.name}${message}, ${timeline.count} messages`;
    }
    if (error) return `Could not call: ${error.message}`;
    return '';
  }

  /** Lists request `id`'s methods (`refresh`: compiled or asked again). */
  async loadMethods(id: RequestId, refresh = false): Promise<void> {
    const before = this.methods(id);
    this.#methods = { ...this.#methods, [id]: { ...before, isLoading: true, error: null } };
    let next: MethodList;
    try {
      next = { methods: await api.grpcMethods(id, refresh), isLoading: false, error: null };
    } catch (e) {
      next = { methods: before.methods, isLoading: false, error: toUiError(e) };
    }
    this.#methods = { ...this.#methods, [id]: next };
  }

  /** The example message of `method`'s input type; `null` (the error kept) when it failed. */
  async template(id: RequestId, method: string): Promise<string | null> {
    try {
      return await api.grpcTemplate(id, method);
    } catch (e) {
      this.#methods = { ...this.#methods, [id]: { ...this.methods(id), error: toUiError(e) } };
      return null;
    }
  }

  /**
   * Calls request `id` (as stored, its draft included) and follows it until its status. Does
   * nothing while one is under way. Resolves when it ended or could not be made.
   */
  async invoke(id: RequestId): Promise<void> {
    if (this.isActive(id)) return;
    const callId = `grpc-${this.#next++}-${Date.now().toString(36)}`;
    this.#put(id, { ...IDLE, id: callId, state: 'calling' });
    const heard = (event: CallEvent) => {
      const entry = this.call(id);
      if (entry.id !== callId) return;
      if (event.kind === 'opened') {
        this.#put(id, { ...entry, headers: event.headers });
      } else {
        const frames = event.messages.map(toFrame);
        this.#put(id, { ...entry, timeline: withFrames(entry.timeline, frames, event.skipped) });
      }
    };
    let ended: Partial<GrpcCallView> = {};
    try {
      const outcome = await api.openGrpcCall(id, callId, heard);
      if (outcome.kind === 'ended') {
        ended = {
          status: outcome.status,
          headers: outcome.headers,
          trailers: outcome.trailers,
          totalMs: outcome.totalMs,
        };
      } else {
        ended = { error: outcome.error };
      }
    } catch (e) {
      ended = { error: toUiError(e) };
    }
    const entry = this.call(id);
    if (entry.id !== callId) return;
    this.#put(id, { ...entry, ...ended, id: null, state: 'ended' });
  }

  /** Sends JSON `message` on request `id`'s open call; `false` (the error kept) when it did not go. */
  async send(id: RequestId, message: string): Promise<boolean> {
    const entry = this.call(id);
    if (entry.id === null || entry.isStreamEnded) return false;
    try {
      await api.sendGrpcMessage(entry.id, message);
      const now = this.call(id);
      if (now.error) this.#put(id, { ...now, error: null });
      return true;
    } catch (e) {
      this.#put(id, { ...this.call(id), error: toUiError(e) });
      return false;
    }
  }

  /** Ends request `id`'s request stream ("End streaming"). */
  async end(id: RequestId): Promise<void> {
    const entry = this.call(id);
    if (entry.id === null || entry.isStreamEnded) return;
    this.#put(id, { ...entry, isStreamEnded: true });
    try {
      await api.endGrpcStream(entry.id);
    } catch (e) {
      this.#put(id, { ...this.call(id), error: toUiError(e) });
    }
  }

  /** Cancels request `id`'s call under way. */
  async cancel(id: RequestId): Promise<void> {
    const entry = this.call(id);
    if (entry.id === null) return;
    try {
      await api.cancelGrpcCall(entry.id);
    } catch (e) {
      this.#put(id, { ...this.call(id), error: toUiError(e) });
    }
  }

  /** Forgets everything, for tests. */
  clear(): void {
    this.#calls = {};
    this.#methods = {};
  }
}

export const grpcCalls = new GrpcCalls();
