/**
 * The open request: its stored copy, the fields being edited, whether they differ, and saving.
 *
 * `stored` is what the store last returned; `draft` holds the edited fields. They differ while
 * there are unsaved changes. Saves never overlap: a save asked for while one runs waits for it,
 * then writes whatever is still unsaved. Opening another request does not save: `flows.ts`
 * saves (or asks to discard) first. The sidebar learns a new name or method through
 * `workspace.applyRequest`.
 */
import * as api from '../api';
import type { Request } from '../bindings/Request';
import type { RequestId } from '../bindings/RequestId';
import type { UiError } from '../bindings/UiError';
import { containsRequest } from '../tree';
import { alerts } from './alerts.svelte';
import { workspace } from './workspace.svelte';

/** The fields the editor edits in this slice. */
export interface Draft {
  name: string;
  method: string;
  url: string;
}

export type Field = keyof Draft;

const FIELDS: Field[] = ['name', 'method', 'url'];

/** The methods offered in the method field; any other token can be typed. */
export const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function toDraft(request: Request): Draft {
  return { name: request.name, method: request.method, url: request.url };
}

export class Editor {
  stored = $state.raw<Request | null>(null);
  draft = $state<Draft | null>(null);
  error = $state.raw<UiError | null>(null);

  isDirty = $derived.by(() => {
    const { stored, draft } = this;
    return !!stored && !!draft && FIELDS.some((f) => draft[f] !== stored[f]);
  });

  /** The text of the save status region. */
  status = $derived(this.error ? this.error.message : this.isDirty ? 'Unsaved changes' : 'Saved');

  /** The save running or queued last, if any. */
  #saving: Promise<boolean> | null = null;
  /** Bumped by every open, so a slow load for an earlier request is dropped. */
  #opening = 0;

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
  }

  close(): void {
    this.#opening++;
    this.stored = null;
    this.draft = null;
    this.error = null;
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
    const sent: Draft = { ...draft };
    try {
      const saved = await api.updateRequest({ ...stored, ...sent });
      if (this.stored?.id !== saved.id) return true; // closed or switched meanwhile
      this.stored = saved;
      // Take the store's form of a field (it may normalise it) unless it was edited meanwhile.
      for (const field of FIELDS) {
        if (this.draft && this.draft[field] === sent[field]) this.draft[field] = saved[field];
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

export const editor = new Editor();
