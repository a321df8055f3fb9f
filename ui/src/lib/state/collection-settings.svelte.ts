/**
 * The collection settings dialog: a collection's auth and default request settings as edited
 * (saved together), and its variables (through `collectionVariables`, saved on their own).
 * Saving reloads what the open request inherits.
 */
import * as api from '../api';
import type { Auth } from '../bindings/Auth';
import type { Collection } from '../bindings/Collection';
import type { CollectionId } from '../bindings/CollectionId';
import type { RequestSettings } from '../bindings/RequestSettings';
import { deepEqual } from '../deep-equal';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';
import { collectionVariables } from './variables.svelte';

export class CollectionSettings {
  collection = $state.raw<Collection | null>(null);
  auth = $state.raw<Auth>({ mode: 'inherit', params: [] });
  settings = $state.raw<RequestSettings>({} as RequestSettings);
  message = $state('');

  isDirty = $derived(
    !!this.collection &&
      (!deepEqual(this.auth, this.collection.auth) ||
        !deepEqual(this.settings, this.collection.settings)),
  );
  status = $derived(this.message || (this.isDirty ? 'Unsaved changes' : 'Saved'));

  async open(id: CollectionId): Promise<void> {
    const collection = await alerts.attempt(() => api.getCollection(id));
    if (!collection) return;
    this.#show(collection);
    await collectionVariables.open({ kind: 'collection', id });
  }

  close(): void {
    this.collection = null;
    collectionVariables.close();
  }

  setAuth(auth: Auth): void {
    this.auth = auth;
    this.message = '';
  }

  setSettings(settings: RequestSettings): void {
    this.settings = settings;
    this.message = '';
  }

  /** Saves auth and settings; resolves to whether the store has them. */
  async save(): Promise<boolean> {
    const collection = this.collection;
    if (!collection) return false;
    try {
      const saved = await api.saveCollectionSettings(collection.id, this.auth, this.settings);
      this.#show(saved);
      this.message = 'Collection settings saved';
      void requestScope.reload();
      return true;
    } catch (error) {
      this.message = `Could not save: ${alerts.report(error).message}`;
      return false;
    }
  }

  #show(collection: Collection): void {
    this.collection = collection;
    this.auth = collection.auth;
    this.settings = collection.settings;
    this.message = '';
  }
}

export const collectionSettings = new CollectionSettings();
