import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { alerts } from './alerts.svelte';
import { VaultState, parseDomains } from './vault.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  mocked.listVaultSecrets.mockResolvedValue([{ name: 'api', domains: ['a.test'] }]);
});

describe('parseDomains', () => {
  it('splits on commas and lines, dropping blanks', () => {
    expect(parseDomains(' a.test, *.b.test\nhttps://c.test/v1/*,, ')).toEqual([
      'a.test',
      '*.b.test',
      'https://c.test/v1/*',
    ]);
    expect(parseDomains('')).toEqual([]);
  });
});

describe('VaultState', () => {
  it('lists names and domains on open, never values', async () => {
    const vault = new VaultState();
    await vault.open();
    expect(vault.isOpen).toBe(true);
    expect(vault.entries).toEqual([{ name: 'api', domains: ['a.test'] }]);
    expect(mocked.revealVaultSecret).not.toHaveBeenCalled();
  });

  it('sends a new value once and reloads the list', async () => {
    mocked.setVaultSecret.mockResolvedValue(null);
    const vault = new VaultState();
    await expect(vault.add(' token ', 's3cret', 'x.test')).resolves.toBe(true);
    expect(mocked.setVaultSecret).toHaveBeenCalledWith('token', 's3cret', ['x.test']);
    expect(mocked.listVaultSecrets).toHaveBeenCalled();
    expect(vault.message).toBe('Secret “token” saved');
  });

  it('reveals one value at a time and hides it again', async () => {
    mocked.revealVaultSecret.mockImplementation(async (name) => `value-of-${name}`);
    const vault = new VaultState();
    await vault.toggleReveal('a');
    await vault.toggleReveal('b');
    expect(vault.revealed).toEqual({ name: 'b', value: 'value-of-b' });
    await vault.toggleReveal('b');
    expect(vault.revealed).toBeNull();
  });

  it('reports a failed save in its message', async () => {
    mocked.setVaultSecret.mockRejectedValue({ kind: 'secrets', message: 'bad name', place: null });
    const vault = new VaultState();
    await expect(vault.add('a b', 'v', '')).resolves.toBe(false);
    expect(vault.message).toBe('Could not save: bad name');
  });

  it('shows the banner state and switches to the vault file once unlocked', async () => {
    mocked.keychainStatus.mockResolvedValue({
      kind: 'unavailable',
      reason: 'no Secret Service',
      path: '/d/vault.lpvault',
      exists: false,
    });
    const vault = new VaultState();
    await vault.checkKeychain();
    expect(vault.isUnavailable).toBe(true);
    mocked.unlockVaultFile.mockRejectedValueOnce({
      kind: 'secrets',
      message: 'wrong passphrase for vault file /d/vault.lpvault, or the file was altered',
      place: null,
    });
    vault.isUnlockOpen = true;
    await expect(vault.unlock('nope')).resolves.toBe(false);
    expect(vault.isUnlockOpen).toBe(true);
    mocked.unlockVaultFile.mockResolvedValueOnce({ kind: 'file', path: '/d/vault.lpvault' });
    await expect(vault.unlock('right')).resolves.toBe(true);
    expect(vault.isUnavailable).toBe(false);
    expect(vault.isUnlockOpen).toBe(false);
  });
});
