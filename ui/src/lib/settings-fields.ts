/**
 * The request settings form, as data: one entry per field of `RequestSettings` (Postman's
 * `protocolProfileBehavior` and ours). Every field can be left to the default ("use the
 * collection's or the app's"), which is `null` in the model. A new setting is one entry here.
 *
 * Settings the generated `RequestSettings` does not have yet are skipped (`isPresent`), so a
 * field listed ahead of its model change shows up once the bindings carry it.
 */
import type { RequestSettings } from './bindings/RequestSettings';

type Key = keyof RequestSettings;

export interface SettingField {
  key: Key;
  label: string;
  /** `flag` on/off, `number` (with `unit`), `choice` among `options`, `text` (e.g. a path). */
  kind: 'flag' | 'number' | 'choice' | 'text';
  /** What applies when left to the default, as the app's defaults have it. */
  fallback: string;
  unit?: string;
  options?: { value: string; label: string }[];
  help?: string;
  group: 'Redirects' | 'Connection' | 'Cookies' | 'Scripts';
  /** A field the model leaves out when unset (so `isPresent` cannot tell from its absence). */
  optional?: boolean;
}

export const SETTING_FIELDS: SettingField[] = [
  {
    key: 'followRedirects',
    label: 'Follow redirects',
    kind: 'flag',
    fallback: 'on',
    group: 'Redirects',
  },
  {
    key: 'maxRedirects',
    label: 'Maximum redirects',
    kind: 'number',
    fallback: '10',
    group: 'Redirects',
  },
  {
    key: 'followOriginalMethod',
    label: 'Keep the original method on 301/302',
    kind: 'flag',
    fallback: 'off',
    group: 'Redirects',
  },
  {
    key: 'followAuthorizationHeader',
    label: 'Keep the Authorization header on a redirect to another host',
    kind: 'flag',
    fallback: 'off',
    group: 'Redirects',
  },
  {
    key: 'timeoutMs',
    label: 'Timeout',
    kind: 'number',
    unit: 'ms',
    fallback: 'none',
    help: '0 waits forever',
    group: 'Connection',
  },
  {
    key: 'verifyTls',
    label: 'Verify TLS certificates',
    kind: 'flag',
    fallback: 'on',
    group: 'Connection',
  },
  {
    key: 'httpVersion',
    label: 'HTTP version',
    kind: 'choice',
    fallback: 'auto',
    options: [
      { value: 'auto', label: 'Auto (HTTP/2 when TLS offers it)' },
      { value: 'http1', label: 'HTTP/1.1' },
      { value: 'http2', label: 'HTTP/2' },
    ],
    group: 'Connection',
  },
  {
    key: 'caCertificates',
    label: 'CA certificates (PEM file)',
    kind: 'text',
    fallback: 'the platform roots',
    help: 'trusted besides the platform roots; {{variables}} allowed',
    group: 'Connection',
    optional: true,
  },
  {
    key: 'useCookies',
    label: 'Use the cookie jar',
    kind: 'flag',
    fallback: 'on',
    group: 'Cookies',
  },
  {
    key: 'scriptTimeoutMs',
    label: 'Script time limit',
    kind: 'number',
    unit: 'ms',
    fallback: '5000',
    help: 'each pre-request and test script, its timers and pm.sendRequest included',
    group: 'Scripts',
  },
];

/** Whether `settings` (as the bindings have it) has field `key`. */
export function isPresent(settings: RequestSettings, key: string): boolean {
  return key in settings || SETTING_FIELDS.some((f) => f.key === key && f.optional === true);
}

/** The field's value as the form shows it: `''` for the default, else text (`on`/`off`). */
export function settingText(settings: RequestSettings, field: SettingField): string {
  const value = settings[field.key];
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

/**
 * `settings` with the field set from the form's text: `''` is the default (`null`), a flag
 * `on`/`off`, a number a whole number ≥ 0 (anything else leaves the settings as they were).
 */
export function withSetting(
  settings: RequestSettings,
  field: SettingField,
  text: string,
): RequestSettings {
  const trimmed = text.trim();
  let value: RequestSettings[Key];
  if (trimmed === '') value = null;
  else if (field.kind === 'flag') value = trimmed === 'on';
  else if (field.kind === 'number') {
    const n = Number(trimmed);
    if (!Number.isInteger(n) || n < 0) return settings;
    value = n;
  } else value = trimmed;
  return { ...settings, [field.key]: value };
}
