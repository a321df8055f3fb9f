/**
 * The open request: its stored copy, the fields being edited, whether they differ, and saving.
 *
 * `stored` is what the store last returned; `draft` holds the edited fields. They differ while
 * there are unsaved changes. Saves never overlap: a save asked for while one runs waits for it,
 * then writes whatever is still unsaved. Opening another request does not save: `flows.ts`
 * saves (or asks to discard) first. The sidebar learns a new name or method through
 * `workspace.applyRequest`.
 *
 * The URL and the Params table stay in step (`../query.ts`): editing one rewrites the other;
 * the URL's `:name` path segments and the path variables table too (`../path-variables.ts`).
 * Opening a request also loads what the core says about its scope (`request-scope.svelte.ts`).
 * Structured fields are replaced whole on every edit, never changed in place, so a save in
 * flight keeps the values it sent. A body left behind by a mode switch is remembered until
 * another request opens.
 */
import * as api from '../api';
import type { Auth } from '../bindings/Auth';
import type { Body } from '../bindings/Body';
import type { KeyValue } from '../bindings/KeyValue';
import type { Request } from '../bindings/Request';
import type { RequestId } from '../bindings/RequestId';
import type { Scripts } from '../bindings/Scripts';
import type { UiError } from '../bindings/UiError';
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
];

/** The methods offered in the method field; any other token can be typed. */
export const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function toDraft(request: Request): Draft {
  const { name, method, url, params, pathVariables, headers, body, auth, settings, scripts } =
    request;
  return { name, method, url, params, pathVariables, headers, body, auth, settings, scripts };
}

export class Editor {
  stored = $state.raw<Request | null>(null);
  draft = $state<Draft | null>(null);
  error = $state.raw<UiError | null>(null);

  isDirty = $derived.by(() => {
    const { stored, draft } = this;
    return !!stored && !!draft && FIELDS.some((f) => !deepEqual(draft[f], stored[f]));
  });

  /** The text of the save status region. */
  status = $derived(this.error ? this.error.message : this.isDirty ? 'Unsaved changes' : 'Saved');

  /** The save running or queued last, if any. */
  #saving: Promise<boolean> | null = null;
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
    const request = await alerts.attempt(() => api.getRequest(id));
    if (!request || opening !== this.#opening) return false;
    this.show(request);
    return true;
  }

  /** Shows `request` as stored, e.g. one just created. */
  show(request: Request): void {
    this.#opening++;
    this.stored = request;
    this.draft = toDraft(request);
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
  }

  edit(field: Field, value: string): void {
    if (!this.draft) return;
    this.draft[field] = value;
    if (field === 'url') {
      this.draft.params = paramsFromUrl(value, this.draft.params);
      this.draft.pathVariables = syncPathVariables(value, this.draft.pathVariables);
    }
    this.error = null;
  }

  /** Replaces the Params table; the URL's query follows. */
  setParams(params: KeyValue[]): void {
    if (!this.draft) return;
    this.draft.params = params;
    this.draft.url = urlWithParams(this.draft.url, params);
    this.error = null;
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

  #set<K extends 'pathVariables' | 'headers' | 'body' | 'auth' | 'settings' | 'scripts'>(
    field: K,
    value: Draft[K],
  ): void {
    if (!this.draft) return;
    this.draft[field] = value;
    this.error = null;
  }

  /** Writes unsaved changes, if any. Resolves to `false` when the store refused them. */
  save(): Promise<boolean> {
    const previous = this.#saving;
    // Nothing running: write now, with the fields as they are now. Else write after it.
    const next = previous ? previous.then(() => this.#write()) : this.#write();
    this.#saving = next;
    void next.finally(() => {
      if (this.#saving === next) this.#saving = null;
    });
    return next;
  }

  async #write(): Promise<boolean> {
    const { stored, draft } = this;
    if (!stored || !draft || !this.isDirty) return true;
    const sent: Draft = $state.snapshot(draft);
    try {
      const saved = await api.updateRequest({ ...stored, ...sent });
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
      return true;
    } catch (e) {
      const error = alerts.report(e);
      if (this.stored?.id === stored.id) this.error = error;
      return false;
    }
  }
}

function adopt<K extends keyof Draft>(draft: Draft, saved: Request, field: K): void {
  draft[field] = saved[field];
}

export const editor = new Editor();
