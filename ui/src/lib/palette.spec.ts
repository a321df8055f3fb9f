import { describe, expect, it } from 'vitest';
import type { Environment } from './bindings/Environment';
import { ACTIONS, paletteEntries } from './palette';
import { collections } from './testing/fixtures';

const dev = { id: 7, name: 'Dev' } as Environment;

describe('paletteEntries', () => {
  it('lists actions, environments, collection actions, then each collection’s tree', () => {
    const entries = paletteEntries(collections(), [dev]);
    expect(entries.slice(0, ACTIONS.length).every((e) => e.kind === 'action')).toBe(true);
    expect(entries.slice(ACTIONS.length).map((e) => e.id)).toEqual([
      'environment:7',
      'collection-run:1',
      'collection-export:1',
      'collection-settings:1',
      'collection-run:2',
      'collection-export:2',
      'collection-settings:2',
      'collection:1',
      'folder:10',
      'folder:11',
      'request:12',
      'request:13',
      'request:14',
      'collection:2',
    ]);
  });

  it('says where a request lives and its URL', () => {
    const admins = paletteEntries(collections(), []).find((e) => e.id === 'request:12');
    expect(admins).toMatchObject({
      label: 'List admins',
      detail: 'Users / Admin · {{base}}/admins',
      method: 'GET',
      target: 12,
    });
  });

  it('offers the layout switch and the preferences by name', () => {
    const labels = paletteEntries([], [])
      .filter((e) => e.kind === 'action')
      .map((e) => [e.id, e.detail]);
    expect(labels).toContainEqual([
      'action:toggle-layout',
      'Response below or beside the request (Ctrl+Alt+V)',
    ]);
    expect(labels.map(([id]) => id)).toContain('action:preferences');
  });
});
