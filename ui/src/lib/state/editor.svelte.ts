/**
 * The open request: its stored copy, the fields being edited, whether they differ, and saving.
 *
 * `stored` is what the store last returned; `draft` holds the edited fields. They differ while
 * there are unsaved changes. Unsaved changes are kept in the store as the request's draft
 * (`persist`, shortly after each edit and at once by `flush`), so a restart or a crash loses
 * nothing; `save` (Ctrl+S) writes them into the request and drops the draft, `discard` drops
 * them. Writes never overlap: one asked for while another runs waits for it, then writes
 * whatever is current. The sidebar learns a saved name or method through
 * `workspace.applyRequest`.
 *
 * The URL and the Params table stay in step (`../query.ts`): editing one rewrites the other;
 * the URL's `:name` path segments and the path variables table too (`../path-variables.ts`).
 * Opening a request also loads what the core says about its scope (`request-scope.svelte.ts`).
 * Structured fields are replaced whole on every edit, never changed in place, so a write in
 * flight keeps the values it sent. A body left behind by a mode switch is remembered until
 * another request opens.
 */
import * as api from '../api';
import type { Auth } from '../bindings/Auth';
import type { Body } from '../bindings/Body';
import type { GrpcCall } from '../bindings/GrpcCall';
import type { KeyValue } from '../bindings/KeyValue';
import type { Request } from '../bindings/Request';
import type { RequestId } from '../bindings/RequestId';
import type { Scripts } from '../bindings/Scripts';
import type { UiError } from '../bindings/UiError';
import type { SocketIoSettings } from '../bindings/SocketIoSettings';
import type { WebSocketMessage } from '../bindings/WebSocketMessage';
import { switchMode, type BodyMode } from '../body';
import { deepEqual } from '../deep-equal';
import { syncPathVariables } from '../path-variables';
import { paramsFromUrl, urlWithParams } from '../query';
import { containsRequest } from '../tree';
import type { RequestSettings } from '../bindings/RequestSettings';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';
import { workspace } from './workspace.svelte';

/** The fields the editor edits. */
export interface Draft {
  name: string;
  method: string;
  url: string;
  params: KeyValue[];
  pathVariables: KeyValue[];
  headers: KeyValue[];
  body: Body;
  auth: Auth;
  settings: RequestSettings;
  scripts: Scripts;
  /** A WebSocket or gRPC request's saved messages, a Socket.IO request's events (none for HTTP). */
  messages: WebSocketMessage[];
  /** A gRPC request's method and descriptor source (empty for the others). */
  grpc: GrpcCall;
  /** A Socket.IO request's handshake path and auth payload (empty for others). */
  socketio: SocketIoSettings;
}

/** The fields edited as one line of text. */
export type Field = 'name' | 'method' | 'url';

const FIELDS: (keyof Draft)[] = [
  'name',
  'method',
  'url',
  'params',
  'pathVariables',
  'headers',
  'body',
  'auth',
  'settings',
  'scripts',
  'messages',
  'grpc',
  'socketio',
];

/** What a request that is not gRPC has (and does not write). */
export const NO_GRPC: GrpcCall = { method: '', source: { kind: 'reflection' } };

/** How long after the last edit the draft is written to the store. */
export const DRAFT_DELAY_MS = 400;

/** The methods offered in the method field; any other token can be typed. */
export const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function toDraft(request: Request): Draft {
  const { name, method, url, params, pathVariables, headers, body, auth, settings, scripts } =
    request;
  const messages = request.messages ?? [];
  const grpc = request.grpc ?? NO_GRPC;
  const socketio = request.socketio ?? {};
  return {
    name,
    method,
    url,
    params,
    pathVariables,
    headers,
    body,
    auth,
    settings,
    scripts,
    messages,
    grpc,
    socketio,
  };
}

/** Field `field` of `request` as a draft holds it (HTTP requests have no messages or gRPC
 * call written). */
function fieldOf<K extends keyof Draft>(request: Request, field: K): Draft[K] {
  if (field === 'messages') return (request.messages ?? []) as Draft[K];
  if (field === 'grpc') return (request.grpc ?? NO_GRPC) as Draft[K];
  if (field === 'socketio') return (request.socketio ?? {}) as Draft[K];
  return request[field] as Draft[K];
}

/** `settings` without its empty fields, as the core writes them (so clearing one is not an edit). */
function trimSocketio(settings: SocketIoSettings): SocketIoSettings {
  const out: SocketIoSettings = {};
  if (settings.path) out.path = settings.path;
  if (settings.auth) out.auth = settings.auth;
  return out;
}

export class Editor {
  stored = $state.raw<Request | null>(null);
  draft = $state<Draft | null>(null);
  error = $state.raw<UiError | null>(null);

  isDirty = $derived.by(() => {
    const { stored, draft } = this;
    return !!stored && !!draft && FIELDS.some((f) => !deepEqual(draft[f], fieldOf(stored, f)));
  });

  /** The text of the save status region. */
  status = $derived(this.error ? this.error.message : this.isDirty ? 'Unsaved changes' : 'Saved');

  /** The write (save, draft kept or dropped) running or queued last, if any. */
  #saving: Promise<boolean> | null = null;
  /** Whether the store holds a draft of the open request. */
  #persisted = false;
  /** The timer of the draft write due after the last edit. */
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every open, so a slow load for an earlier request is dropped. */
  #opening = 0;
  /** Bodies left behind by a mode switch, by mode, for the open request. Not state: nothing
   * renders from it, a switch reads it once. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #bodies = new Map<BodyMode, Body>();

  /**
   * Loads request `id` into the editor, replacing what is open: save first (see `flows.ts`).
   * Resolves to `false` if it could not be loaded.
   */
  async open(id: RequestId): Promise<boolean> {
    if (this.stored?.id === id) return true;
    const opening = ++this.#opening;
    const found = await alerts.attempt(() => Promise.all([api.getRequest(id), api.getDraft(id)]));
    if (!found || opening !== this.#opening) return false;
    this.show(found[0], found[1]);
    return true;
  }

  /** Shows `request` as stored, e.g. one just created, with its draft of unsaved edits if any. */
  show(request: Request, draft: Request | null = null): void {
    this.#opening++;
    this.#cancelTimer();
    this.stored = request;
    this.draft = toDraft(draft ?? request);
    this.#persisted = draft !== null;
    this.error = null;
    this.#bodies.clear();
    if (requestScope.requestId !== request.id) void requestScope.load(request.id);
  }

  /** Re-reads the open request from the store when it has no unsaved changes (after the core
   * changed it, e.g. an OAuth 2 token stored). */
  async refresh(): Promise<void> {
    const stored = this.stored;
    if (!stored || this.isDirty) return;
    const request = await alerts.attempt(() => api.getRequest(stored.id));
    if (request && this.stored?.id === request.id && !this.isDirty) this.show(request);
  }

  close(): void {
    this.#opening++;
    this.#cancelTimer();
    this.#persisted = false;
    this.stored = null;
    this.draft = null;
    this.error = null;
    this.#bodies.clear();
    requestScope.clear();
  }

  /** Closes the editor when its request is no longer in the workspace's tree. */
  closeIfGone(): void {
    if (this.stored && !containsRequest(workspace.collections, this.stored.id)) this.close();
  }

  /** Mirrors a rename made in the sidebar, keeping an edited name if there is one. */
  applyName(id: RequestId, name: string): void {
    const { stored, draft } = this;
    if (!stored || stored.id !== id) return;
    if (draft && draft.name === stored.name) draft.name = name;
    this.stored = { ...stored, name };
    if (this.#persisted) this.#schedule();
  }

  edit(field: Field, value: string): void {
    if (!this.draft) return;
    this.draft[field] = value;
    if (field === 'url') {
      this.draft.params = paramsFromUrl(value, this.draft.params);
      this.draft.pathVariables = syncPathVariables(value, this.draft.pathVariables);
    }
    this.error = null;
    this.#schedule();
  }

  /** Replaces the Params table; the URL's query follows. */
  setParams(params: KeyValue[]): void {
    if (!this.draft) return;
    this.draft.params = params;
    this.draft.url = urlWithParams(this.draft.url, params);
    this.error = null;
    this.#schedule();
  }

  /** Replaces the path variables' values (their keys follow the URL). */
  setPathVariables(rows: KeyValue[]): void {
    this.#set('pathVariables', rows);
  }

  setSettings(settings: RequestSettings): void {
    this.#set('settings', settings);
  }

  setHeaders(headers: KeyValue[]): void {
    this.#set('headers', headers);
  }

  setBody(body: Body): void {
    this.#set('body', body);
  }

  /** Switches the body to `mode`, giving back what that mode held earlier in this session. */
  setBodyMode(mode: BodyMode): void {
    if (this.draft) this.#set('body', switchMode(this.draft.body, mode, this.#bodies));
  }

  setAuth(auth: Auth): void {
    this.#set('auth', auth);
  }

  /** Replaces the pre-request and test scripts. */
  setScripts(scripts: Scripts): void {
    this.#set('scripts', scripts);
  }

  /** Replaces a WebSocket request's saved messages. */
  setMessages(messages: WebSocketMessage[]): void {
    this.#set('messages', messages);
  }

  /** Replaces a gRPC request's method and descriptor source. */
  setGrpc(grpc: GrpcCall): void {
    this.#set('grpc', grpc);
  }

  /** Replaces a Socket.IO request's handshake path and auth payload. */
  setSocketio(settings: SocketIoSettings): void {
    this.#set('socketio', trimSocketio(settings));
  }

  #set<
    K extends
      | 'pathVariables'
      | 'headers'
      | 'body'
      | 'auth'
      | 'settings'
      | 'scripts'
      | 'messages'
      | 'grpc'
      | 'socketio',
  >(field: K, value: Draft[K]): void {
    if (!this.draft) return;
    this.draft[field] = value;
    this.error = null;
    this.#schedule();
  }

  /** Writes unsaved changes into the request (dropping its draft). Resolves to `false` when
   * the store refused them. */
  save(): Promise<boolean> {
    this.#cancelTimer();
    return this.#queue(() => this.#write());
  }

  /** Keeps the unsaved changes in the store as the request's draft now (or drops the stored
   * draft when the fields are back as saved). Resolves to `false` when the store refused. */
  flush(): Promise<boolean> {
    this.#cancelTimer();
    return this.#queue(() => this.#persist());
  }

  /** Drops the unsaved changes, here and in the store: the request shows as saved. */
  async discard(): Promise<boolean> {
    this.#cancelTimer();
    const stored = this.stored;
    if (!stored) return true;
    this.draft = toDraft(stored);
    this.#bodies.clear();
    this.error = null;
    return this.#queue(() => this.#persist());
  }

  /** Runs `task` after the write running or queued, if any. */
  #queue(task: () => Promise<boolean>): Promise<boolean> {
    const previous = this.#saving;
    // Nothing running: write now, with the fields as they are now. Else write after it.
    const next = previous ? previous.then(task) : task();
    this.#saving = next;
    void next.finally(() => {
      if (this.#saving === next) this.#saving = null;
    });
    return next;
  }

  /** Writes the draft shortly after the last edit. */
  #schedule(): void {
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#queue(() => this.#persist());
    }, DRAFT_DELAY_MS);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #persist(): Promise<boolean> {
    const { stored, draft } = this;
    if (!stored || !draft) return true;
    try {
      if (this.isDirty) {
        await api.saveDraft({ ...stored, ...$state.snapshot(draft) });
        if (this.stored?.id === stored.id) this.#persisted = true;
      } else if (this.#persisted) {
        await api.discardDraft(stored.id);
        if (this.stored?.id === stored.id) this.#persisted = false;
      }
      return true;
    } catch (e) {
      const error = alerts.report(e);
      if (this.stored?.id === stored.id) this.error = error;
      return false;
    }
  }

  async #write(): Promise<boolean> {
    const { stored, draft } = this;
    if (!stored || !draft || !this.isDirty) return this.#persist();
    const sent: Draft = $state.snapshot(draft);
    try {
      const saved = await api.saveRequest({ ...stored, ...sent });
      if (this.stored?.id === saved.id) this.#persisted = false;
      if (this.stored?.id !== saved.id) return true; // closed or switched meanwhile
      this.stored = saved;
      // Take the store's form of a field (it may normalise it) unless it was edited meanwhile.
      const current = this.draft;
      if (current) {
        for (const field of FIELDS) {
          if (deepEqual(current[field], sent[field])) adopt(current, saved, field);
        }
      }
      this.error = null;
      workspace.applyRequest(saved);
      // Edits made while the save ran are kept as a new draft.
      if (this.stored?.id === saved.id && this.isDirty) this.#schedule();
      return true;
    } catch (e) {
      const error = alerts.report(e);
      if (this.stored?.id === stored.id) this.error = error;
      return false;
    }
  }
}

function adopt<K extends keyof Draft>(draft: Draft, saved: Request, field: K): void {
  draft[field] = fieldOf(saved, field);
}

export const editor = new Editor();
