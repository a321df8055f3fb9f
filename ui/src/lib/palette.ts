/**
 * What the command palette (Ctrl+K) lists: every request, folder and collection of the
 * workspace (with where it lives), every environment, and the app's actions, as plain entries
 * the palette ranks with `fuzzy.ts`. Pure; what an entry does is up to the caller.
 */
import type { CollectionTree } from './bindings/CollectionTree';
import type { Environment } from './bindings/Environment';
import type { TreeNode } from './bindings/TreeNode';

export type PaletteKind = 'action' | 'request' | 'folder' | 'collection' | 'environment';

export interface PaletteEntry {
  /** Unique among the entries: `request:12`, `action:import`, … */
  id: string;
  kind: PaletteKind;
  /** The item's id in the store (requests, folders, collections, environments). */
  target: number | null;
  label: string;
  /** Where it lives, or what an action does. */
  detail: string;
  /** A request's method. */
  method: string | null;
}

/** The app's actions, by id, with their labels. */
export const ACTIONS = [
  { id: 'new-request', label: 'New request', detail: 'In the selected collection or folder' },
  { id: 'new-collection', label: 'New collection', detail: '' },
  { id: 'import', label: 'Import…', detail: 'Postman, OpenAPI, Insomnia, HAR, curl (Ctrl+O)' },
  { id: 'runner', label: 'Open the Runner', detail: 'Run a collection' },
  { id: 'environments', label: 'Manage environments', detail: '' },
  { id: 'globals', label: 'Edit globals', detail: 'Workspace variables' },
  { id: 'no-environment', label: 'Use no environment', detail: 'Switch environment' },
  { id: 'vault', label: 'Open the vault', detail: 'Secrets in the OS keychain' },
  { id: 'cookies', label: 'Manage cookies', detail: '' },
  { id: 'filter', label: 'Filter the sidebar', detail: 'Ctrl+Shift+F' },
  { id: 'shortcuts', label: 'Keyboard shortcuts', detail: 'Ctrl+/' },
  { id: 'new-workspace', label: 'New workspace', detail: '' },
  {
    id: 'toggle-layout',
    label: 'Toggle the layout',
    detail: 'Response below or beside the request (Ctrl+Alt+V)',
  },
  {
    id: 'preferences',
    label: 'Open Preferences',
    detail: 'Look, history, files, defaults (Ctrl+,)',
  },
] as const;

export type ActionId = (typeof ACTIONS)[number]['id'];

/**
 * Every entry: the app's actions, environments, each collection's Run, Export and Settings,
 * then per collection its own entry, folders and requests.
 */
export function paletteEntries(
  collections: readonly CollectionTree[],
  environments: readonly Environment[],
): PaletteEntry[] {
  const entries: PaletteEntry[] = ACTIONS.map((a) => ({
    id: `action:${a.id}`,
    kind: 'action',
    target: null,
    label: a.label,
    detail: a.detail,
    method: null,
  }));
  for (const env of environments) {
    entries.push({
      id: `environment:${env.id}`,
      kind: 'environment',
      target: env.id,
      label: env.name,
      detail: 'Use this environment',
      method: null,
    });
  }
  const walk = (nodes: TreeNode[], path: string) => {
    for (const node of nodes) {
      if (node.kind === 'folder') {
        entries.push({
          id: `folder:${node.id}`,
          kind: 'folder',
          target: node.id,
          label: node.name,
          detail: path,
          method: null,
        });
        walk(node.children, `${path} / ${node.name}`);
      } else {
        entries.push({
          id: `request:${node.id}`,
          kind: 'request',
          target: node.id,
          label: node.name,
          detail: node.url === '' ? path : `${path} · ${node.url}`,
          method: node.method,
        });
      }
    }
  };
  for (const collection of collections) {
    for (const [verb, label] of [
      ['run', 'Run'],
      ['export', 'Export'],
      ['settings', 'Settings of'],
    ] as const) {
      entries.push({
        id: `collection-${verb}:${collection.id}`,
        kind: 'action',
        target: collection.id,
        label: `${label} “${collection.name}”`,
        detail: 'Collection',
        method: null,
      });
    }
  }
  for (const collection of collections) {
    entries.push({
      id: `collection:${collection.id}`,
      kind: 'collection',
      target: collection.id,
      label: collection.name,
      detail: 'Collection',
      method: null,
    });
    walk(collection.children, collection.name);
  }
  return entries;
}
