/**
 * What the gRPC request editor's buttons do, across the editor's draft and the calls' state:
 * list the methods (after keeping the draft, so the core reads the source as edited), fill the
 * example message, add `.proto` files and import paths through the shell's dialogs, and talk in
 * an open call.
 */
import * as api from '../api';
import type { ProtoSource } from '../bindings/ProtoSource';
import { alerts } from './alerts.svelte';
import { editor } from './editor.svelte';
import { grpcCalls, isClientStreaming } from './grpc-calls.svelte';

/** Lists the open request's methods; `refresh` compiles or asks again. */
export async function loadMethods(refresh: boolean): Promise<void> {
  const id = editor.stored?.id;
  if (id === undefined || !(await editor.flush())) return;
  await grpcCalls.loadMethods(id, refresh);
}

/** Whether the open request's chosen method takes a stream of client messages. */
export function isStreaming(): boolean {
  const id = editor.stored?.id;
  const method = editor.draft?.grpc.method;
  if (id === undefined || !method) return false;
  const found = grpcCalls.methods(id).methods.find((m) => m.name === method);
  return isClientStreaming(found?.shape);
}

/** Fills the first message with an example of the chosen method's input type. */
export async function useExample(): Promise<void> {
  const id = editor.stored?.id;
  const draft = editor.draft;
  if (id === undefined || !draft?.grpc.method || !(await editor.flush())) return;
  const template = await grpcCalls.template(id, draft.grpc.method);
  if (template === null || !editor.draft) return;
  const [head, ...rest] = editor.draft.messages;
  const first = { name: '', enabled: true, ...head, kind: 'json' as const, content: template };
  editor.setMessages([first, ...rest]);
  await editor.flush();
}

function withFiles(source: ProtoSource): Extract<ProtoSource, { kind: 'files' }> {
  return source.kind === 'files' ? source : { kind: 'files', files: [], importPaths: [] };
}

/** Adds a `.proto` file chosen in the native dialog to the open request's source. */
export async function addProtoFile(): Promise<void> {
  const chosen = await alerts.attempt(() => api.chooseRequestFile('protoFile'));
  const grpc = editor.draft?.grpc;
  if (!chosen || !grpc) return;
  const source = withFiles(grpc.source);
  editor.setGrpc({ ...grpc, source: { ...source, files: [...source.files, chosen.path] } });
  await editor.flush();
}

/** Adds an import path chosen in the native folder dialog to the open request's source. */
export async function addImportPath(): Promise<void> {
  const chosen = await alerts.attempt(() => api.chooseImportPath());
  const grpc = editor.draft?.grpc;
  if (!chosen || !grpc) return;
  const source = withFiles(grpc.source);
  editor.setGrpc({
    ...grpc,
    source: { ...source, importPaths: [...source.importPaths, chosen.path] },
  });
  await editor.flush();
}

/** Sends JSON `message` on the open request's call. */
export async function send(message: string): Promise<void> {
  const id = editor.stored?.id;
  if (id !== undefined) await grpcCalls.send(id, message);
}

/** Ends the open request's request stream. */
export async function end(): Promise<void> {
  const id = editor.stored?.id;
  if (id !== undefined) await grpcCalls.end(id);
}
