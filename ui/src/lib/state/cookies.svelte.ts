/**
 * The current workspace's cookie jar, as the Cookies manager shows it: whether the manager is
 * open, the cookies, and removing, clearing and adding them. Failures go to `alerts`.
 */
import * as api from '../api';
import type { Cookie } from '../bindings/Cookie';
import type { CookieId } from '../bindings/CookieId';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { alerts } from './alerts.svelte';

/** A blank session cookie for `domain`, path `/`. */
export function blankCookie(domain = ''): Cookie {
  return {
    id: null,
    name: '',
    value: '',
    domain,
    hostOnly: true,
    path: '/',
    expires: null,
    secure: false,
    httpOnly: false,
    sameSite: null,
  };
}

export class CookieJarState {
  isOpen = $state(false);
  list = $state.raw<Cookie[]>([]);
  #workspaceId: WorkspaceId | null = null;

  async open(workspaceId: WorkspaceId): Promise<void> {
    this.#workspaceId = workspaceId;
    this.isOpen = true;
    await this.load();
  }

  close(): void {
    this.isOpen = false;
  }

  async load(): Promise<void> {
    const id = this.#workspaceId;
    if (id === null) return;
    const list = await alerts.attempt(() => api.listCookies(id));
    if (list) this.list = list;
  }

  async add(cookie: Cookie): Promise<boolean> {
    const id = this.#workspaceId;
    if (id === null) return false;
    const added = await alerts.attempt(() => api.addCookie(id, cookie));
    if (added) await this.load();
    return added !== undefined;
  }

  async save(id: CookieId, cookie: Cookie): Promise<void> {
    if (await alerts.attempt(() => api.editCookie(id, cookie))) await this.load();
  }

  async remove(id: CookieId): Promise<void> {
    if ((await alerts.attempt(() => api.deleteCookie(id))) !== undefined) await this.load();
  }

  async clear(): Promise<void> {
    const id = this.#workspaceId;
    if (id === null) return;
    if ((await alerts.attempt(() => api.clearCookies(id))) !== undefined) await this.load();
  }
}

export const cookieJar = new CookieJarState();
