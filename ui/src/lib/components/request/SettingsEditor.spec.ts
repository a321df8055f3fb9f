// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { RequestSettings } from '../../bindings/RequestSettings';
import { render, type Rendered } from '../../testing/render';
import SettingsEditor from './SettingsEditor.svelte';

const none: RequestSettings = {
  followRedirects: null,
  maxRedirects: null,
  followOriginalMethod: null,
  followAuthorizationHeader: null,
  timeoutMs: null,
  scriptTimeoutMs: null,
  verifyTls: null,
  useCookies: null,
  httpVersion: null,
};

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

/** The editor over `settings`, keeping each change as the parent would. */
function editor(settings: RequestSettings) {
  const state = { settings, saves: 0 };
  const onchange = vi.fn((next: RequestSettings) => {
    state.settings = next;
  });
  const onsave = vi.fn(() => {
    state.saves += 1;
  });
  shown = render(SettingsEditor, {
    settings,
    defaultsFrom: 'the collection “API”',
    onchange,
    onsave,
  });
  return { state, onchange, target: shown.target };
}

function field<T extends HTMLElement>(target: HTMLElement, hook: string): T {
  const found = target.querySelector<T>(`[data-testid="${hook}"]`);
  if (!found) throw new Error(`no ${hook}`);
  return found;
}

function change(input: HTMLInputElement | HTMLSelectElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

describe('SettingsEditor', () => {
  it('sets a custom proxy with its password kept as typed, and goes back to the default', () => {
    const { state, target } = editor({
      ...none,
      proxy: { mode: 'custom', url: '', username: '', password: '', noProxy: '' },
    });
    change(field(target, 'setting-proxy-url'), ' http://127.0.0.1:3128 ');
    expect(state.settings.proxy).toEqual({
      mode: 'custom',
      url: 'http://127.0.0.1:3128',
      username: '',
      password: '',
      noProxy: '',
    });
    expect(state.saves).toBe(1);
    change(field(target, 'setting-proxy-password'), ' pa ss ');
    expect(state.settings.proxy?.password).toBe(' pa ss ');
    expect(field<HTMLInputElement>(target, 'setting-proxy-password').type).toBe('password');
    change(field(target, 'setting-proxy-mode'), '');
    expect(state.settings.proxy).toBeNull();
  });

  it('shows the custom fields only for a custom proxy', () => {
    const { state, target } = editor(none);
    expect(target.querySelector('[data-testid="setting-proxy-url"]')).toBeNull();
    change(field(target, 'setting-proxy-mode'), 'none');
    expect(state.settings.proxy?.mode).toBe('none');
  });

  it('keeps the inherited certificates until the list is set here, then edits it', () => {
    const { target, onchange } = editor(none);
    expect(target.querySelector('[data-testid="certificate-add"]')).toBeNull();
    const own = field<HTMLInputElement>(target, 'setting-certificates-own');
    own.checked = true;
    own.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith({ ...none, clientCertificates: [] });
  });

  it('edits, disables and removes certificates of its own list', () => {
    const { state, target } = editor({
      ...none,
      clientCertificates: [
        { host: 'a.test', cert: '', key: '', pfx: '', passphrase: '', enabled: true },
      ],
    });
    change(field(target, 'certificate-pfx'), ' /certs/a.p12 ');
    expect(state.settings.clientCertificates?.[0]?.pfx).toBe('/certs/a.p12');
    const enabled = field<HTMLInputElement>(target, 'certificate-enabled');
    enabled.checked = false;
    enabled.dispatchEvent(new Event('change', { bubbles: true }));
    expect(state.settings.clientCertificates?.[0]?.enabled).toBe(false);
    field(target, 'certificate-remove').click();
    expect(state.settings.clientCertificates).toEqual([]);
  });

  it('sets the CA bundle path, and clears it back to the default', () => {
    const { state, target } = editor(none);
    change(field(target, 'setting-caCertificates'), '/etc/ssl/corp.pem');
    expect(state.settings.caCertificates).toBe('/etc/ssl/corp.pem');
    change(field(target, 'setting-caCertificates'), '');
    expect(state.settings.caCertificates).toBeNull();
  });
});
