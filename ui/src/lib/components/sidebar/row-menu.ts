import type { Row } from '../../tree';

/** One entry of a tree row's menu. */
export interface MenuEntry {
  id: string;
  label: string;
  /** The shortcut shown beside it, if any. */
  keys?: string;
  danger?: boolean;
}

/**
 * The entries of `row`'s menu, in order: creating inside it, then rename, duplicate, the
 * kind's own actions (run, export, settings; copy as cURL and code for a request), and delete
 * last. Each `id` is also the entry's test hook (`menu-<id>`).
 */
export function menuEntries(row: Pick<Row, 'kind'>): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (row.kind === 'request') {
    entries.push({ id: 'open', label: 'Open', keys: 'Enter' });
  } else {
    entries.push({ id: 'add-request', label: 'New request' });
    entries.push({ id: 'add-folder', label: 'New folder' });
  }
  entries.push({ id: 'rename', label: 'Rename', keys: 'F2' });
  entries.push({ id: 'duplicate', label: 'Duplicate', keys: 'Ctrl+D' });
  if (row.kind === 'request') {
    entries.push({ id: 'copy-curl', label: 'Copy as cURL' });
    entries.push({ id: 'code', label: 'Export as code…' });
  } else {
    entries.push({ id: 'run', label: 'Run…' });
    if (row.kind === 'collection') entries.push({ id: 'export', label: 'Export…' });
    entries.push({ id: 'settings', label: 'Settings…' });
  }
  entries.push({ id: 'delete', label: 'Delete', keys: 'Del', danger: true });
  return entries;
}
