import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import { alerts } from './alerts.svelte';
import { HistoryState } from './history.svelte';
import { CookieJarState, blankCookie } from './cookies.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

function entryOf(id: number, method: string): HistoryEntry {
  return {
    id,
    workspaceId: 1,
    requestId: 3,
    requestName: 'List users',
    method,
    url: 'http://127.0.0.1/users',
    status: 200,
    reason: 'OK',
    version: 'HTTP/1.1',
    sentAtMs: 0,
    totalMs: 4,
    firstByteMs: 2,
    bodySize: 10,
    rawSize: 10,
    kept: 'sealed',
    failure: null,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
});

describe('HistoryState', () => {
  it('loads the workspace’s sends and searches them', async () => {
    const history = new HistoryState();
    mocked.listHistory.mockResolvedValue([entryOf(2, 'POST'), entryOf(1, 'GET')]);
    await history.load(1);
    expect(mocked.listHistory).toHaveBeenLastCalledWith(1, null);
    expect(history.count).toBe(2);
    mocked.listHistory.mockResolvedValue([entryOf(2, 'POST')]);
    await history.setSearch('  post ');
    expect(mocked.listHistory).toHaveBeenLastCalledWith(1, 'post');
    expect(history.entries.map((e) => e.id)).toEqual([2]);
  });

  it('clears and reloads, and a failure is reported without losing the list', async () => {
    const history = new HistoryState();
    mocked.listHistory.mockResolvedValue([entryOf(1, 'GET')]);
    await history.load(1);
    mocked.clearHistory.mockRejectedValue({ kind: 'store', message: 'disk full', place: null });
    await history.clear();
    expect(history.count).toBe(1);
    expect(alerts.items.length).toBe(1);
    mocked.clearHistory.mockResolvedValue(1);
    mocked.listHistory.mockResolvedValue([]);
    await history.clear();
    expect(history.count).toBe(0);
  });
});

describe('CookieJarState', () => {
  it('opens on a workspace, adds and removes cookies', async () => {
    const jar = new CookieJarState();
    const sid = { ...blankCookie('example.com'), id: 9, name: 'sid', value: 'v' };
    mocked.listCookies.mockResolvedValue([sid]);
    await jar.open(4);
    expect(jar.isOpen).toBe(true);
    expect(mocked.listCookies).toHaveBeenCalledWith(4);
    mocked.addCookie.mockResolvedValue(sid);
    expect(await jar.add(sid)).toBe(true);
    expect(mocked.addCookie).toHaveBeenCalledWith(4, sid);
    mocked.deleteCookie.mockResolvedValue(null);
    mocked.listCookies.mockResolvedValue([]);
    await jar.remove(9);
    expect(jar.list).toEqual([]);
    jar.close();
    expect(jar.isOpen).toBe(false);
  });
});
