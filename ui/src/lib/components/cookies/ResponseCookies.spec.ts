// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseCookie } from '../../bindings/ResponseCookie';
import { render, type Rendered } from '../../testing/render';
import ResponseCookies from './ResponseCookies.svelte';

function cookie(name: string, status: number, url: string): ResponseCookie {
  return {
    name,
    value: `${name}-value`,
    domain: null,
    path: '/',
    expires: null,
    maxAge: null,
    secure: false,
    httpOnly: true,
    sameSite: null,
    url,
    status,
  };
}

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function rows(cookies: ResponseCookie[], url: string): string[][] {
  shown = render(ResponseCookies, { cookies, url, status: 200 });
  return [...shown.target.querySelectorAll('[data-testid="response-cookie"]')].map((row) =>
    [...row.children].map((cell) => cell.textContent?.trim() ?? ''),
  );
}

describe('ResponseCookies', () => {
  it('lists the cookies a redirect hop set, saying which hop (issue 12)', () => {
    const got = rows(
      [cookie('sid', 302, 'http://127.0.0.1:8080/login')],
      'http://127.0.0.1:8080/home',
    );
    expect(got).toHaveLength(1);
    expect(got[0]?.[0]).toBe('sid');
    expect(got[0]?.[3]).toBe('302 http://127.0.0.1:8080/login');
    expect(shown?.target.querySelector('[data-testid="response-cookies-empty"]')).toBeNull();
  });

  it('says "this response" for the cookies the final response set', () => {
    const url = 'http://127.0.0.1:8080/home';
    const got = rows(
      [cookie('sid', 302, 'http://127.0.0.1:8080/login'), cookie('seen', 200, url)],
      url,
    );
    expect(got.map((r) => r[3])).toEqual(['302 http://127.0.0.1:8080/login', 'This response']);
  });

  it('has no set-by column when only the final response set cookies', () => {
    const url = 'http://127.0.0.1:8080/';
    const got = rows([cookie('seen', 200, url)], url);
    expect(got[0]).toHaveLength(3);
  });

  it('says when no response on the way set a cookie', () => {
    shown = render(ResponseCookies, { cookies: [], url: 'http://a.test/', status: 200 });
    expect(shown.target.textContent).toContain('No cookies were set');
  });
});
