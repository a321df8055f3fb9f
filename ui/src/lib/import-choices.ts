/**
 * The choices an import preview asks for, as the shell's `commit_import` takes them: what to do
 * with collections already in the workspace, and which plain-text secrets to move into the
 * vault (by the finding's place).
 */
import type { Finding } from './bindings/Finding';
import type { ImportSummary } from './bindings/ImportSummary';
import type { OnDuplicate } from './bindings/OnDuplicate';
import type { SecretKind } from './bindings/SecretKind';
import type { SecretMoves } from './bindings/SecretMoves';

/** How a finding's kind reads (as the CLI prints it). */
export const SECRET_KIND_LABELS: Record<SecretKind, string> = {
  jwt: 'JSON web token',
  bearerToken: 'bearer token',
  basicCredentials: 'basic credentials',
  awsAccessKey: 'AWS access key id',
  privateKey: 'private key',
  highEntropy: 'high-entropy value',
  credential: 'credential',
};

/** The distinct places of `findings`, in order: one checkbox each. */
export function placesOf(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.place))];
}

/**
 * The `SecretMoves` for the places `chosen` among `places`: `none` when none is, `all` when
 * every one is, else `only` those (in the order of `places`).
 */
export function secretMovesOf(places: string[], chosen: readonly string[]): SecretMoves {
  const only = places.filter((p) => chosen.includes(p));
  if (only.length === 0) return { kind: 'none' };
  if (only.length === places.length) return { kind: 'all' };
  return { kind: 'only', places: only };
}

/** Whether the import can be written: a duplicate needs a replace or copy answer first. */
export function isReady(summary: ImportSummary, onDuplicate: OnDuplicate): boolean {
  return summary.duplicates.length === 0 || onDuplicate !== 'ask';
}

/** `1 request`, `2 requests`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
