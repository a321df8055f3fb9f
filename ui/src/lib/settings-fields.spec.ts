import { describe, expect, it } from 'vitest';
import type { RequestSettings } from './bindings/RequestSettings';
import { SETTING_FIELDS, isPresent, settingText, withSetting } from './settings-fields';

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

const field = (key: string) => SETTING_FIELDS.find((f) => f.key === key)!;

describe('settings fields', () => {
  it('cover every field of the bindings', () => {
    for (const key of Object.keys(none)) expect(SETTING_FIELDS.map((f) => f.key)).toContain(key);
    expect(isPresent(none, 'followRedirects')).toBe(true);
    expect(isPresent(none, 'proxy')).toBe(false);
  });

  it('read null as the default and flags as on/off', () => {
    expect(settingText(none, field('followRedirects'))).toBe('');
    const off = withSetting(none, field('followRedirects'), 'off');
    expect(off.followRedirects).toBe(false);
    expect(settingText(off, field('followRedirects'))).toBe('off');
    expect(withSetting(off, field('followRedirects'), '').followRedirects).toBeNull();
  });

  it('take whole numbers and refuse the rest', () => {
    expect(withSetting(none, field('timeoutMs'), '2500').timeoutMs).toBe(2500);
    expect(withSetting(none, field('scriptTimeoutMs'), '30000').scriptTimeoutMs).toBe(30000);
    expect(withSetting(none, field('maxRedirects'), '-1')).toBe(none);
    expect(withSetting(none, field('maxRedirects'), '1.5')).toBe(none);
    expect(withSetting(none, field('httpVersion'), 'http1').httpVersion).toBe('http1');
  });
});
