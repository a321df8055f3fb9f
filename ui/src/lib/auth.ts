/**
 * Auth types as the editor offers them and their fields, read from and written to the
 * Postman-shaped `Auth` (`mode` plus a list of `{ key, value, type }` params).
 */
import type { Auth } from './bindings/Auth';
import type { AuthMode } from './bindings/AuthMode';

export const AUTH_TYPES: { mode: AuthMode; label: string }[] = [
  { mode: 'inherit', label: 'Inherit from parent' },
  { mode: 'noauth', label: 'No auth' },
  { mode: 'basic', label: 'Basic auth' },
  { mode: 'bearer', label: 'Bearer token' },
  { mode: 'apikey', label: 'API key' },
];

export interface AuthField {
  key: string;
  label: string;
  /** `secret` fields are masked; `choice` fields offer `options`. */
  kind: 'text' | 'secret' | 'choice';
  options?: { value: string; label: string }[];
  /** The value when the param is missing, as the engine reads it. */
  fallback?: string;
}

const FIELDS: Record<string, AuthField[]> = {
  basic: [
    { key: 'username', label: 'Username', kind: 'text' },
    { key: 'password', label: 'Password', kind: 'secret' },
  ],
  bearer: [{ key: 'token', label: 'Token', kind: 'secret' }],
  apikey: [
    { key: 'key', label: 'Key', kind: 'text' },
    { key: 'value', label: 'Value', kind: 'secret' },
    {
      key: 'in',
      label: 'Add to',
      kind: 'choice',
      options: [
        { value: 'header', label: 'Header' },
        { value: 'query', label: 'Query params' },
      ],
      fallback: 'header',
    },
  ],
};

/** The fields of `mode`; empty for inherit, noauth and the schemes edited in a later version. */
export function authFields(mode: AuthMode): AuthField[] {
  return FIELDS[mode] ?? [];
}

/** Whether this version edits `mode` (the others are kept and sent as stored). */
export function isEditableAuth(mode: AuthMode): boolean {
  return AUTH_TYPES.some((t) => t.mode === mode);
}

/** A param's value as text: strings as they are, other JSON values written out. */
export function paramText(auth: Auth, key: string): string | undefined {
  const param = auth.params.find((p) => p.key === key);
  if (!param || param.value === null || param.value === undefined) return undefined;
  return typeof param.value === 'string' ? param.value : JSON.stringify(param.value);
}

/** `auth` with param `key` set to the string `value`, in place if present, else appended. */
export function withParam(auth: Auth, key: string, value: string): Auth {
  const present = auth.params.some((p) => p.key === key);
  const params = present
    ? auth.params.map((p) => (p.key === key ? { ...p, value, type: 'string' } : p))
    : [...auth.params, { key, value, type: 'string' }];
  return { ...auth, params };
}

/**
 * `auth` switched to `mode`. Params are kept (Postman keeps them too), so switching back and
 * forth loses nothing; the engine reads only the params of the mode in force.
 */
export function withMode(auth: Auth, mode: AuthMode): Auth {
  return { ...auth, mode };
}
