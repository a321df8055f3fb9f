/**
 * What the GraphQL editor says of a request's schema: fetched or cached when, being fetched, or
 * why not. Plain data and text, so the main chunk carries no graphql-js.
 */
import type { CachedSchema } from './bindings/CachedSchema';
import type { UiError } from './bindings/UiError';

export interface SchemaEntry {
  /** The schema fetched or cached, `null` before any. */
  schema: CachedSchema | null;
  /** Whether the cache has been read. */
  loaded: boolean;
  /** The id of the fetch under way, `null` when none is. */
  fetching: string | null;
  /** Why the last fetch or read failed. */
  error: UiError | null;
}

export const NO_SCHEMA: SchemaEntry = { schema: null, loaded: false, fetching: null, error: null };

/** "Fetched 14:03 (cached)" and the like, for the status line. */
export function schemaStatus(entry: SchemaEntry, now = new Date()): string {
  if (entry.fetching) return 'Fetching schema…';
  if (entry.error) return `Schema not fetched: ${entry.error.message}`;
  const schema = entry.schema;
  if (!schema) return entry.loaded ? 'No schema yet' : '';
  const at = new Date(schema.fetchedAtMs);
  const sameDay = at.toDateString() === now.toDateString();
  const when = sameDay ? at.toLocaleTimeString() : at.toLocaleString();
  return schema.isKept
    ? `Schema cached at ${when}`
    : `Schema fetched at ${when} (not kept: restricted workspace)`;
}
