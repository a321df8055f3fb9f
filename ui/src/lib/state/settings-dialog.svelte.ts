/**
 * The view of a collection or a folder (`ParentView`): its name and Markdown description,
 * auth, default request settings and pre-request and test scripts as edited (saved together),
 * and its variables (through `collectionVariables`, saved on their own). Saving reloads what the
 * open request inherits. `settingsTab` is the one the window shows, for the active folder's or
 * collection's tab (the name `SettingsDialog` is from when a dialog showed it).
 */
import * as api from '../api';
import type { Auth } from '../bindings/Auth';
import type { Collection } from '../bindings/Collection';
import type { CollectionId } from '../bindings/CollectionId';
import type { Folder } from '../bindings/Folder';
import type { FolderId } from '../bindings/FolderId';
import type { RequestSettings } from '../bindings/RequestSettings';
import type { Scripts } from '../bindings/Scripts';
import { deepEqual } from '../deep-equal';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';
import { collectionVariables } from './variables.svelte';

/** What the dialog edits. */
export type Target = { kind: 'collection'; id: CollectionId } | { kind: 'folder'; id: FolderId };

/** The dialog's subject as stored. */
export type Subject = { kind: 'collection'; item: Collection } | { kind: 'folder'; item: Folder };

const NO_SCRIPTS: Scripts = { preRequest: '', test: '' };

export class SettingsDialog {
  subject = $state.raw<Subject | null>(null);
  auth = $state.raw<Auth>({ mode: 'inherit', params: [] });
  settings = $state.raw<RequestSettings>({} as RequestSettings);
  scripts = $state.raw<Scripts>(NO_SCRIPTS);
  name = $state('');
  description = $state('');
  message = $state('');

  isOverviewDirty = $derived.by(() => {
    const item = this.subject?.item;
    return !!item && (this.name !== item.name || this.description !== item.description);
  });
  isDirty = $derived.by(() => {
    const item = this.subject?.item;
    return (
      !!item &&
      (this.isOverviewDirty ||
        !deepEqual(this.auth, item.auth) ||
        !deepEqual(this.settings, item.settings) ||
        !deepEqual(this.scripts, item.scripts))
    );
  });
  status = $derived(this.message || (this.isDirty ? 'Unsaved changes' : 'Saved'));

  /** Whether `target` is what is shown now. */
  shows(target: Target): boolean {
    return this.subject?.kind === target.kind && this.subject.item.id === target.id;
  }

  async open(target: Target): Promise<void> {
    if (target.kind === 'collection') {
      const item = await alerts.attempt(() => api.getCollection(target.id));
      if (!item) return;
      this.#show({ kind: 'collection', item });
    } else {
      const item = await alerts.attempt(() => api.getFolder(target.id));
      if (!item) return;
      this.#show({ kind: 'folder', item });
    }
    await collectionVariables.open(target);
  }

  close(): void {
    collectionVariables.close();
    this.subject = null;
  }

  setOverview(change: { name?: string; description?: string }): void {
    if (change.name !== undefined) this.name = change.name;
    if (change.description !== undefined) this.description = change.description;
    this.message = '';
  }

  setAuth(auth: Auth): void {
    this.auth = auth;
    this.message = '';
  }

  setSettings(settings: RequestSettings): void {
    this.settings = settings;
    this.message = '';
  }

  setScripts(scripts: Scripts): void {
    this.scripts = scripts;
    this.message = '';
  }

  /** Saves auth, settings and scripts; resolves to whether the store has them. */
  async save(): Promise<boolean> {
    const subject = this.subject;
    if (!subject) return false;
    const { auth, settings, scripts, name, description } = this;
    const overview = this.isOverviewDirty;
    try {
      if (subject.kind === 'collection') {
        const id = subject.item.id;
        if (overview) await api.saveCollectionOverview(id, name, description);
        const item = await api.saveCollectionSettings(id, { auth, settings, scripts });
        this.#show({ kind: 'collection', item });
        this.message = 'Collection settings saved';
      } else {
        const id = subject.item.id;
        if (overview) await api.saveFolderOverview(id, name, description);
        const item = await api.saveFolderSettings(id, { auth, settings, scripts });
        this.#show({ kind: 'folder', item });
        this.message = 'Folder settings saved';
      }
      void requestScope.reload();
      if (overview) onrenamed?.();
      return true;
    } catch (error) {
      this.message = `Could not save: ${alerts.report(error).message}`;
      return false;
    }
  }

  /** Drops the unsaved edits: shows the settings as stored. */
  discard(): void {
    if (this.subject) this.#show(this.subject);
  }

  #show(subject: Subject): void {
    this.subject = subject;
    this.auth = subject.item.auth;
    this.settings = subject.item.settings;
    this.scripts = subject.item.scripts;
    this.name = subject.item.name;
    this.description = subject.item.description;
    this.message = '';
  }
}

/** Called after a save renamed an item (the tree reloads its names); set by the app. */
let onrenamed: (() => void) | undefined;

/** Sets what runs after a save that changed a name or description. */
export function onOverviewSaved(callback: () => void): void {
  onrenamed = callback;
}

/** The settings of the folder or collection whose tab is active. */
export const settingsTab = new SettingsDialog();
