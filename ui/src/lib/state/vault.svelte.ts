/**
 * The vault manager and the keychain in use: the vault secrets' names and domain limits, one
 * value revealed at a time on request, adding, changing domains, deleting; and whether the OS
 * keychain answers, else unlocking (or creating) the passphrase-sealed vault file.
 *
 * A value typed here is sent to the core once and then dropped; the list never holds values.
 * Failures go to `alerts` and to `message`, announced by the manager's live region.
 */
import * as api from '../api';
import type { KeychainStatus } from '../bindings/KeychainStatus';
import type { VaultEntry } from '../bindings/VaultEntry';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';

/** Domains as typed (comma- or line-separated) into the list the core keeps. */
export function parseDomains(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

export class VaultState {
  entries = $state.raw<VaultEntry[]>([]);
  status = $state.raw<KeychainStatus | null>(null);
  isOpen = $state(false);
  isUnlockOpen = $state(false);
  /** The one revealed value, if any. */
  revealed = $state.raw<{ name: string; value: string } | null>(null);
  message = $state('');

  isUnavailable = $derived(this.status?.kind === 'unavailable');

  /** Asks the core which keychain is in use (for the banner). */
  async checkKeychain(): Promise<void> {
    const status = await alerts.attempt(() => api.keychainStatus());
    if (status) this.status = status;
  }

  async open(): Promise<void> {
    this.isOpen = true;
    this.message = '';
    await this.#load();
  }

  close(): void {
    this.isOpen = false;
    this.revealed = null;
  }

  /** Adds or replaces a secret; resolves to whether it was stored. */
  async add(name: string, value: string, domains: string): Promise<boolean> {
    return this.#write(
      () => api.setVaultSecret(name.trim(), value, parseDomains(domains)),
      `Secret “${name.trim()}” saved`,
    );
  }

  setDomains(name: string, domains: string): Promise<boolean> {
    return this.#write(
      () => api.setVaultDomains(name, parseDomains(domains)),
      `Domains of “${name}” saved`,
    );
  }

  remove(name: string): Promise<boolean> {
    return this.#write(() => api.deleteVaultSecret(name), `Secret “${name}” deleted`);
  }

  /** Shows one secret's value (hiding any other), or hides it again. */
  async toggleReveal(name: string): Promise<void> {
    if (this.revealed?.name === name) {
      this.revealed = null;
      return;
    }
    const value = await alerts.attempt(() => api.revealVaultSecret(name));
    if (value !== undefined) this.revealed = { name, value };
  }

  /** Unlocks (or creates) the vault file; resolves to whether it is now in use. */
  async unlock(passphrase: string): Promise<boolean> {
    try {
      this.status = await api.unlockVaultFile(passphrase);
      this.isUnlockOpen = false;
      return true;
    } catch (error) {
      this.message = alerts.report(error).message;
      return false;
    }
  }

  async #load(): Promise<void> {
    const entries = await alerts.attempt(() => api.listVaultSecrets());
    if (entries) this.entries = entries;
  }

  async #write(task: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await task();
      this.message = done;
      this.revealed = null;
      await this.#load();
      void requestScope.reload();
      return true;
    } catch (error) {
      this.message = `Could not save: ${alerts.report(error).message}`;
      return false;
    }
  }
}

export const vault = new VaultState();
