import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { CallEvent } from '../bindings/CallEvent';
import type { CallOutcome } from '../bindings/CallOutcome';
import type { GrpcMessage } from '../bindings/GrpcMessage';
import { GrpcCalls, isClientStreaming, toFrame } from './grpc-calls.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

function message(json: string, direction: GrpcMessage['direction'] = 'received'): GrpcMessage {
  return { direction, atMs: 2.5, size: json.length, json };
}

/** An `openGrpcCall` that stays open until `finish` is called, handing out its listener. */
function pendingCall() {
  let listen: (event: CallEvent) => void = () => {};
  let finish: (outcome: CallOutcome) => void = () => {};
  mocked.openGrpcCall.mockImplementation((_id, _call, onevent) => {
    listen = onevent;
    return new Promise((resolve) => (finish = resolve));
  });
  return { hear: (e: CallEvent) => listen(e), finish: (o: CallOutcome) => finish(o) };
}

const ok: CallOutcome = {
  kind: 'ended',
  method: { name: 'a.S/Chat', input: 'a.In', output: 'a.Out', shape: 'bidirectional' },
  status: { code: 0, name: 'OK', message: '' },
  headers: [{ name: 'content-type', value: 'application/grpc', isSensitive: false }],
  trailers: [{ name: 'x-done', value: 'yes', isSensitive: false }],
  totalMs: 12.3,
  messages: 2,
};

beforeEach(() => vi.resetAllMocks());

describe('GrpcCalls', () => {
  it('follows a call: metadata, messages as timeline rows, then the status and trailers', async () => {
    const calls = new GrpcCalls();
    const call = pendingCall();
    const done = calls.invoke(7);
    expect(calls.isActive(7)).toBe(true);
    expect(calls.announcement(7)).toBe('Calling…, 0 messages');
    call.hear({ kind: 'opened', headers: ok.headers });
    call.hear({
      kind: 'messages',
      messages: [message('{"text":"hi"}', 'sent'), message('{"text":"echo hi"}')],
      skipped: 0,
    });
    expect(calls.call(7).headers).toEqual(ok.headers);
    expect(calls.call(7).timeline.count).toBe(2);
    expect(calls.call(7).timeline.frames[1]?.data).toEqual({
      encoding: 'text',
      text: '{"text":"echo hi"}',
    });
    call.finish(ok);
    await done;
    const ended = calls.call(7);
    expect(ended.state).toBe('ended');
    expect(ended.id).toBeNull();
    expect(ended.status?.name).toBe('OK');
    expect(ended.trailers).toEqual(ok.trailers);
    expect(calls.announcement(7)).toBe('0 OK, 2 messages');
  });

  it('sends on the open call, ends its stream once, cancels it, and keeps a failed message', async () => {
    const calls = new GrpcCalls();
    const call = pendingCall();
    const done = calls.invoke(7);
    const callId = mocked.openGrpcCall.mock.calls[0]?.[1];
    mocked.sendGrpcMessage.mockResolvedValueOnce(undefined);
    expect(await calls.send(7, '{"text":"two"}')).toBe(true);
    expect(mocked.sendGrpcMessage).toHaveBeenCalledWith(callId, '{"text":"two"}');
    mocked.sendGrpcMessage.mockRejectedValueOnce({
      kind: 'grpc',
      message: 'messages[1]: not a valid a.In',
      place: null,
    });
    expect(await calls.send(7, 'nope')).toBe(false);
    expect(calls.call(7).error?.message).toContain('not a valid');
    mocked.endGrpcStream.mockResolvedValue(true);
    await calls.end(7);
    await calls.end(7);
    expect(mocked.endGrpcStream).toHaveBeenCalledTimes(1);
    expect(calls.call(7).isStreamEnded).toBe(true);
    expect(await calls.send(7, '{}')).toBe(false);
    expect(calls.announcement(7)).toContain('stream ended');
    mocked.cancelGrpcCall.mockResolvedValue(true);
    await calls.cancel(7);
    expect(mocked.cancelGrpcCall).toHaveBeenCalledWith(callId);
    call.finish({
      ...ok,
      status: { code: 1, name: 'CANCELLED', message: 'cancelled by the client' },
    });
    await done;
    expect(calls.announcement(7)).toBe('1 CANCELLED: cancelled by the client, 0 messages');
  });

  it('keeps why a call could not be made', async () => {
    const calls = new GrpcCalls();
    mocked.openGrpcCall.mockResolvedValue({
      kind: 'error',
      error: { kind: 'grpc', message: 'a.S/Nope: no such method', place: null },
    });
    await calls.invoke(3);
    expect(calls.announcement(3)).toBe('Could not call: a.S/Nope: no such method');
    expect(calls.isActive(3)).toBe(false);
  });

  it('lists methods, refreshing on demand, and keeps the last list when a refresh fails', async () => {
    const calls = new GrpcCalls();
    mocked.grpcMethods.mockResolvedValueOnce([ok.method]);
    await calls.loadMethods(5);
    expect(mocked.grpcMethods).toHaveBeenCalledWith(5, false);
    expect(calls.methods(5).methods).toEqual([ok.method]);
    mocked.grpcMethods.mockRejectedValueOnce({ kind: 'network', message: 'refused', place: null });
    await calls.loadMethods(5, true);
    expect(mocked.grpcMethods).toHaveBeenLastCalledWith(5, true);
    expect(calls.methods(5)).toEqual({
      methods: [ok.method],
      isLoading: false,
      error: { kind: 'network', message: 'refused', place: null },
    });
  });
});

describe('helpers', () => {
  it('tells the shapes that stream from the client', () => {
    expect(isClientStreaming('bidirectional')).toBe(true);
    expect(isClientStreaming('clientStreaming')).toBe(true);
    expect(isClientStreaming('serverStreaming')).toBe(false);
    expect(isClientStreaming(undefined)).toBe(false);
  });

  it('makes a timeline row of a message', () => {
    expect(toFrame(message('{}', 'sent'))).toEqual({
      direction: 'sent',
      kind: 'text',
      atMs: 2.5,
      size: 2,
      data: { encoding: 'text', text: '{}' },
    });
  });
});
