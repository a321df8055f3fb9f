// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Cookie } from '../../bindings/Cookie';
import { render, type Rendered } from '../../testing/render';
import CookiesManager from './CookiesManager.svelte';

function cookie(id: number, domain: string, path: string, hostOnly: boolean): Cookie {
  return {
    id,
    name: `c${id}`,
    value: 'v',
    domain,
    hostOnly,
    path,
    expires: null,
    secure: false,
    httpOnly: false,
    sameSite: null,
  };
}

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function cells(cookies: Cookie[], testid: string): string[] {
  shown = render(CookiesManager, {
    cookies,
    onadd: () => Promise.resolve(true),
    ondelete: () => {},
    onclear: () => {},
    onclose: () => {},
  });
  return [...document.querySelectorAll(`[data-testid="${testid}"]`)].map(
    (cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  );
}

describe('CookiesManager', () => {
  it('shows the domain without the path glued to it (issue 12)', () => {
    const list = [cookie(1, '127.0.0.1', '/', true), cookie(2, 'example.com', '/api', false)];
    expect(cells(list, 'cookie-domain-cell')).toEqual(['127.0.0.1', 'example.com and subdomains']);
  });

  it('shows the path in a column of its own', () => {
    const list = [cookie(1, '127.0.0.1', '/', true), cookie(2, 'example.com', '/api', false)];
    expect(cells(list, 'cookie-path-cell')).toEqual(['/', '/api']);
  });
});
