/**
 * Socket.IO moments as the event timeline shows them: what each is (the session opened, the
 * namespace connected or refused, an event or acknowledgement, a disconnect), its arguments as
 * text (pretty JSON when expanded), which emit an acknowledgement answers, and whether it
 * matches the timeline's event-name filter.
 */
import type { Direction } from './bindings/Direction';
import type { Moment } from './bindings/Moment';

/** The emits that asked for an acknowledgement, by who emitted them and their ack id. */
export type Asked = Map<string, { event: string; index: number }>;

function askedKey(direction: Direction, id: number): string {
  return `${direction}:${id}`;
}

/** Every emit in `moments` that asked for an acknowledgement, to link acks to. */
export function askedFor(moments: Moment[]): Asked {
  const asked: Asked = new Map();
  moments.forEach((m, index) => {
    if (m.kind === 'event' && m.ackId !== undefined) {
      asked.set(askedKey(m.direction, m.ackId), { event: m.event, index });
    }
  });
  return asked;
}

/** The emit an acknowledgement answers: one the other side sent under its id. */
export function ackedEmit(moment: Moment, asked: Asked): { event: string; index: number } | null {
  if (moment.kind !== 'ack') return null;
  const emitter: Direction = moment.direction === 'sent' ? 'received' : 'sent';
  return asked.get(askedKey(emitter, moment.id)) ?? null;
}

/** The direction of a moment that has one (events and acks). */
export function directionOf(moment: Moment): Direction | null {
  return moment.kind === 'event' || moment.kind === 'ack' ? moment.direction : null;
}

/** The name column: the event's name, `ack #2 (ask)` for an acknowledgement, else what happened. */
export function momentName(moment: Moment, asked: Asked): string {
  switch (moment.kind) {
    case 'event':
      return moment.event;
    case 'ack': {
      const emit = ackedEmit(moment, asked);
      return emit ? `ack #${moment.id} (${emit.event})` : `ack #${moment.id}`;
    }
    case 'opened':
      return 'session opened';
    case 'connected':
      return `connected ${moment.namespace}`;
    case 'refused':
      return `refused ${moment.namespace}`;
    case 'disconnected':
      return `disconnected ${moment.namespace} (by ${moment.by === 'client' ? 'you' : 'the server'})`;
  }
}

/** The data column on one line: the arguments as JSON, a refusal's message. */
export function momentText(moment: Moment): string {
  switch (moment.kind) {
    case 'event':
    case 'ack':
      return moment.args.map((a) => JSON.stringify(a)).join(', ');
    case 'refused':
      return moment.data === null
        ? moment.message
        : `${moment.message} ${JSON.stringify(moment.data)}`;
    case 'connected':
      return moment.sid ?? '';
    case 'opened':
      return moment.sid;
    case 'disconnected':
      return '';
  }
}

/** The data expanded: each argument pretty-printed (a refusal's data too). */
export function prettyMoment(moment: Moment): string {
  if (moment.kind === 'event' || moment.kind === 'ack') {
    return moment.args.map((a) => JSON.stringify(a, null, 2)).join('\n');
  }
  if (moment.kind === 'refused' && moment.data !== null) {
    return `${moment.message}\n${JSON.stringify(moment.data, null, 2)}`;
  }
  return momentText(moment);
}

/**
 * Whether `moment` is shown when filtering by event name `query` (case-insensitive; empty:
 * all): events whose name holds it and the acknowledgements of those events.
 */
export function matchesEvent(moment: Moment, query: string, asked: Asked): boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return true;
  const name = moment.kind === 'event' ? moment.event : (ackedEmit(moment, asked)?.event ?? null);
  return name !== null && name.toLowerCase().includes(wanted);
}
