/**
 * WebSocket and Socket.IO connections, per request: the one open (or opening) and what came of
 * the last, its handshake and a bounded timeline of its frames (WebSocket) or moments
 * (Socket.IO: connect, events, acks, disconnect). Each connection gets an id minted here
 * before the command starts, so a message or a close can reach it while it runs. Timelines live
 * in memory only, for as long as the window.
 */
import * as api from '../api';
import type { End } from '../bindings/End';
import type { Frame } from '../bindings/Frame';
import type { Handshake } from '../bindings/Handshake';
import type { Moment } from '../bindings/Moment';
import type { RequestId } from '../bindings/RequestId';
import type { SendId } from '../bindings/SendId';
import type { SocketEvent } from '../bindings/SocketEvent';
import type { SocketIoEvent } from '../bindings/SocketIoEvent';
import type { UiError } from '../bindings/UiError';
import type { WebSocketMessage } from '../bindings/WebSocketMessage';
import { toUiError } from '../ui-error';

/** Most frames a timeline keeps in memory; older ones go first (`count` still counts them). */
export const FRAMES_KEPT = 5000;

/** The frames of a connection as they came: the newest `FRAMES_KEPT`, and how many in all. */
export interface Timeline {
  frames: Frame[];
  count: number;
}

/** What a Socket.IO session heard: the newest `FRAMES_KEPT` moments, and how many in all. */
export interface MomentTimeline {
  moments: Moment[];
  count: number;
}

export type SocketState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

/** What a connection speaks. */
export type SocketKind = 'websocket' | 'socketio';

export interface Connection {
  kind: SocketKind;
  /** The connection under way (connecting, open or closing), `null` when none is. */
  id: SendId | null;
  state: SocketState;
  handshake: Handshake | null;
  timeline: Timeline;
  /** A Socket.IO connection's moments (empty for a WebSocket). */
  moments: MomentTimeline;
  /** How the last connection ended, once it has. */
  end: End | null;
  /** Why it could not open, or why a message could not go. */
  error: UiError | null;
}

const IDLE: Connection = {
  kind: 'websocket',
  id: null,
  state: 'idle',
  handshake: null,
  timeline: { frames: [], count: 0 },
  moments: { moments: [], count: 0 },
  end: null,
  error: null,
};

/**
 * `timeline` with a batch of `frames` last (`skipped` more came before them but were not sent
 * over), the oldest dropped past `FRAMES_KEPT`: one copy per batch, not per frame.
 */
export function withFrames(
  timeline: Timeline,
  frames: Frame[],
  skipped = 0,
  kept = FRAMES_KEPT,
): Timeline {
  return {
    frames: newest(timeline.frames, frames, kept),
    count: timeline.count + skipped + frames.length,
  };
}

/** `timeline` with a batch of `moments` last, as `withFrames` adds frames. */
export function withMoments(
  timeline: MomentTimeline,
  moments: Moment[],
  skipped = 0,
  kept = FRAMES_KEPT,
): MomentTimeline {
  return {
    moments: newest(timeline.moments, moments, kept),
    count: timeline.count + skipped + moments.length,
  };
}

/** `kept` items at most, the newest of `old` then `added`. */
function newest<T>(old: T[], added: T[], kept: number): T[] {
  const all = old.concat(added);
  return all.length > kept ? all.slice(all.length - kept) : all;
}

/** What the status region says of how a conversation ended. */
export function describeEnd(end: End): string {
  if (end.how === 'cancelled') return 'Disconnected';
  if (end.how === 'failed') return `Connection lost: ${end.reason}`;
  const who = end.by === 'client' ? 'you' : 'the server';
  const code = end.code === null ? '' : ` (${end.code}${end.reason ? ` “${end.reason}”` : ''})`;
  return `Closed by ${who}${code}`;
}

export class Sockets {
  #entries = $state.raw<Record<RequestId, Connection>>({});
  #next = 1;

  connection(id: RequestId): Connection {
    return this.#entries[id] ?? IDLE;
  }

  #put(id: RequestId, entry: Connection): void {
    this.#entries = { ...this.#entries, [id]: entry };
  }

  /** Whether request `id` has a connection under way (connecting, open or closing). */
  isActive(id: RequestId): boolean {
    return this.connection(id).id !== null;
  }

  isOpen(id: RequestId): boolean {
    return this.connection(id).state === 'open';
  }

  /** The text of the status region for request `id`. */
  announcement(id: RequestId): string {
    const { kind, state, timeline, moments, end, error } = this.connection(id);
    const [count, noun] =
      kind === 'socketio' ? [moments.count, 'event'] : [timeline.count, 'frame'];
    const heard = `${count} ${noun}${count === 1 ? '' : 's'}`;
    if (state === 'connecting') return 'Connecting…';
    if (state === 'open') return `Connected, ${heard}`;
    if (state === 'closing') return 'Disconnecting…';
    if (error && !end) return `Could not connect: ${error.message}`;
    if (!end) return '';
    // A refused namespace ends the session: say so rather than who closed the socket after.
    const refused =
      kind === 'socketio' ? moments.moments.findLast((m) => m.kind === 'refused') : undefined;
    if (refused?.kind === 'refused') {
      const why = refused.message ? `: ${refused.message}` : '';
      return `The server refused namespace ${refused.namespace}${why}, ${heard}`;
    }
    return `${describeEnd(end)}, ${heard}`;
  }

  /**
   * Opens request `id`'s WebSocket or Socket.IO session (as stored, its draft included) and
   * follows it until it ends. Does nothing while one is under way. Resolves when it ended or
   * could not open.
   */
  async connect(id: RequestId, kind: SocketKind = 'websocket'): Promise<void> {
    if (this.isActive(id)) return;
    const connectionId = `ws-${this.#next++}-${Date.now().toString(36)}`;
    this.#put(id, { ...IDLE, kind, id: connectionId, state: 'connecting' });
    const heard = (event: SocketEvent | SocketIoEvent) => {
      const entry = this.connection(id);
      if (entry.id !== connectionId) return;
      if (event.kind === 'opened') {
        this.#put(id, { ...entry, state: 'open', handshake: event.handshake });
      } else if (event.kind === 'frames') {
        this.#put(id, {
          ...entry,
          timeline: withFrames(entry.timeline, event.frames, event.skipped),
        });
      } else {
        this.#put(id, {
          ...entry,
          moments: withMoments(entry.moments, event.moments, event.skipped),
        });
      }
    };
    let end: End | null = null;
    let error: UiError | null = null;
    try {
      const outcome =
        kind === 'socketio'
          ? await api.openSocketio(id, connectionId, heard)
          : await api.openWebsocket(id, connectionId, heard);
      if (outcome.kind === 'ended') end = outcome.end;
      else error = outcome.error;
    } catch (e) {
      error = toUiError(e);
    }
    const entry = this.connection(id);
    if (entry.id !== connectionId) return;
    this.#put(id, { ...entry, id: null, state: 'closed', end, error });
  }

  /** Sends `message` on request `id`'s open connection; `false` (the error kept) when it did not go. */
  async send(id: RequestId, message: WebSocketMessage): Promise<boolean> {
    const entry = this.connection(id);
    if (entry.id === null || entry.state !== 'open') return false;
    try {
      await api.sendWebsocketMessage(entry.id, message);
      const now = this.connection(id);
      if (now.error) this.#put(id, { ...now, error: null });
      return true;
    } catch (e) {
      const now = this.connection(id);
      this.#put(id, { ...now, error: toUiError(e) });
      return false;
    }
  }

  /** Closes request `id`'s connection with `code` and `reason` (1000 and none by default). */
  async disconnect(id: RequestId, code = 1000, reason = ''): Promise<void> {
    const entry = this.connection(id);
    if (entry.id === null) return;
    const connectionId = entry.id;
    this.#put(id, { ...entry, state: 'closing' });
    try {
      await api.closeWebsocket(connectionId, code, reason);
    } catch (e) {
      const now = this.connection(id);
      if (now.id === connectionId) this.#put(id, { ...now, state: 'open', error: toUiError(e) });
    }
  }

  /** Forgets everything, for tests. */
  clear(): void {
    this.#entries = {};
  }
}

export const sockets = new Sockets();
