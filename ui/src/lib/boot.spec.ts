import { describe, expect, it } from 'vitest';
import type { Boot } from './bindings/Boot';
import { BOOT_GLOBAL, BOOT_TAKEN, takeBoot } from './boot';
import { treeOf, workspaceOf } from './testing/fixtures';

const home = workspaceOf(1, 'Home');
const boot: Boot = {
  fonts: { ui: '"Cantarell", sans-serif', mono: 'monospace' },
  look: {
    theme: 'dark',
    fontSize: 16,
    layout: 'sideBySide',
    panes: { sidebarWidth: 320, stackedSplit: 0.45, sideBySideSplit: 0.5 },
  },
  workspaces: [home],
  tree: treeOf(home),
};

function storage(): Map<string, string> & Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return Object.assign(map, {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  });
}

describe('takeBoot', () => {
  it('gives the snapshot to the window once, and removes the global', () => {
    const session = storage();
    const global: Record<string, unknown> = { [BOOT_GLOBAL]: boot };
    expect(takeBoot(global, session)).toBe(boot);
    expect(BOOT_GLOBAL in global).toBe(false);
    expect(session.get(BOOT_TAKEN)).toBe('1');
  });

  it('gives none to a reloaded page, whose snapshot may be stale', () => {
    const session = storage();
    expect(takeBoot({ [BOOT_GLOBAL]: boot }, session)).toBe(boot);
    const reloaded: Record<string, unknown> = { [BOOT_GLOBAL]: boot };
    expect(takeBoot(reloaded, session)).toBeNull();
    expect(BOOT_GLOBAL in reloaded).toBe(false);
  });

  it('gives none when the shell gave none or the session cannot note it', () => {
    expect(takeBoot({}, storage())).toBeNull();
    expect(takeBoot({ [BOOT_GLOBAL]: boot }, null)).toBeNull();
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(takeBoot({ [BOOT_GLOBAL]: boot }, refusing)).toBeNull();
  });
});
