/**
 * Auth types as the editor offers them and their fields, read from and written to the
 * Postman-shaped `Auth` (`mode` plus a list of `{ key, value, type }` params). The fields of
 * each scheme are listed in `./auth-fields.ts`.
 */
import type { Auth } from './bindings/Auth';
import type { AuthMode } from './bindings/AuthMode';
import { FIELDS, type AuthField } from './auth-fields';

export type { AuthField } from './auth-fields';

export const AUTH_TYPES: { mode: AuthMode; label: string }[] = [
  { mode: 'inherit', label: 'Inherit from parent' },
  { mode: 'noauth', label: 'No auth' },
  { mode: 'basic', label: 'Basic auth' },
  { mode: 'bearer', label: 'Bearer token' },
  { mode: 'apikey', label: 'API key' },
  { mode: 'digest', label: 'Digest auth' },
  { mode: 'oauth1', label: 'OAuth 1.0' },
  { mode: 'oauth2', label: 'OAuth 2.0' },
  { mode: 'hawk', label: 'Hawk authentication' },
  { mode: 'awsv4', label: 'AWS Signature' },
  { mode: 'ntlm', label: 'NTLM authentication' },
  { mode: 'edgegrid', label: 'Akamai EdgeGrid' },
  { mode: 'jwt', label: 'JWT bearer' },
  { mode: 'asap', label: 'ASAP (Atlassian)' },
];

/** The label of `mode` (its name for schemes the editor does not list). */
export function authLabel(mode: AuthMode): string {
  return AUTH_TYPES.find((t) => t.mode === mode)?.label ?? mode;
}

/** The fields of `mode`; empty for inherit, noauth and schemes the editor does not know. */
export function authFields(mode: AuthMode): AuthField[] {
  return FIELDS[mode] ?? [];
}

/** Whether the editor has a form for `mode` (the others are kept and sent as stored). */
export function isEditableAuth(mode: AuthMode): boolean {
  return AUTH_TYPES.some((t) => t.mode === mode);
}

/** A param's value as text: strings as they are, other JSON values written out. */
export function paramText(auth: Auth, key: string): string | undefined {
  const param = auth.params.find((p) => p.key === key);
  if (!param || param.value === null || param.value === undefined) return undefined;
  return typeof param.value === 'string' ? param.value : JSON.stringify(param.value);
}

/** A flag param's value: `true` or the string `"true"`. */
export function paramFlag(auth: Auth, key: string): boolean {
  const value = auth.params.find((p) => p.key === key)?.value;
  return value === true || value === 'true';
}

/**
 * `auth` with param `key` set, in place if present, else appended: a string typed `string`,
 * or a boolean typed `boolean` (as Postman writes its flags).
 */
export function withParam(auth: Auth, key: string, value: string | boolean): Auth {
  const type = typeof value === 'boolean' ? 'boolean' : 'string';
  const present = auth.params.some((p) => p.key === key);
  const params = present
    ? auth.params.map((p) => (p.key === key ? { ...p, value, type } : p))
    : [...auth.params, { key, value, type }];
  return { ...auth, params };
}

/**
 * `auth` switched to `mode`. Params are kept (Postman keeps them too), so switching back and
 * forth loses nothing; the engine reads only the params of the mode in force.
 */
export function withMode(auth: Auth, mode: AuthMode): Auth {
  return { ...auth, mode };
}
