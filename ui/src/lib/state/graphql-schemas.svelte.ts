/**
 * Each GraphQL request's schema: the one cached in the store, read once when its editor opens,
 * and fetched again by introspection on demand (cancellable). Holds the introspection JSON as
 * text; building the schema from it is the lazily loaded GraphQL editor's work, so this module
 * does not pull graphql-js into the main chunk.
 */
import * as api from '../api';
import type { RequestId } from '../bindings/RequestId';
import { NO_SCHEMA, type SchemaEntry } from '../graphql-status';
import { toUiError } from '../ui-error';

export { NO_SCHEMA, schemaStatus, type SchemaEntry } from '../graphql-status';

export class GraphqlSchemas {
  #entries = $state.raw<Record<RequestId, SchemaEntry>>({});
  #next = 1;

  entry(id: RequestId): SchemaEntry {
    return this.#entries[id] ?? NO_SCHEMA;
  }

  #put(id: RequestId, change: Partial<SchemaEntry>): void {
    this.#entries = { ...this.#entries, [id]: { ...this.entry(id), ...change } };
  }

  /** Reads request `id`'s cached schema, once. */
  async load(id: RequestId): Promise<void> {
    if (this.entry(id).loaded) return;
    this.#put(id, { loaded: true });
    try {
      const schema = await api.graphqlSchema(id);
      // A fetch that finished meanwhile is newer.
      if (!this.entry(id).schema) this.#put(id, { schema });
    } catch (e) {
      this.#put(id, { error: toUiError(e) });
    }
  }

  /** Fetches request `id`'s schema by introspection; does nothing while one is under way. */
  async fetch(id: RequestId): Promise<void> {
    if (this.entry(id).fetching) return;
    const sendId = `schema-${this.#next++}-${Date.now().toString(36)}`;
    this.#put(id, { fetching: sendId, error: null, loaded: true });
    try {
      const schema = await api.fetchGraphqlSchema(id, sendId);
      this.#put(id, { schema, fetching: null });
    } catch (e) {
      this.#put(id, { error: toUiError(e), fetching: null });
    }
  }

  /** Stops the fetch of request `id`'s schema under way, if any. */
  async cancel(id: RequestId): Promise<void> {
    const sendId = this.entry(id).fetching;
    if (sendId) await api.cancelRequest(sendId).catch(() => false);
  }

  /** Forgets everything, for tests. */
  clear(): void {
    this.#entries = {};
  }
}

export const graphqlSchemas = new GraphqlSchemas();
