/**
 * What the core says about the open request's surroundings: the variables in scope (for
 * `{{var}}` highlighting; secret values never included) and the auth it would inherit, with the
 * folder or collection it comes from.
 *
 * Loaded when a request opens (`editor.show`) and reloaded after anything that changes them:
 * the active environment, saved variables, vault secrets, a collection's settings. A load for an
 * earlier request is dropped. Failures leave the previous data and go nowhere loud: highlighting
 * is a hint, and sending reports real errors.
 */
import * as api from '../api';
import type { InheritedAuth } from '../bindings/InheritedAuth';
import type { RequestId } from '../bindings/RequestId';
import type { VariablesInScope } from '../bindings/VariablesInScope';
import { alerts } from './alerts.svelte';

export class RequestScope {
  /** Whether the app has the OAuth 2 token command (see `api.getOauth2Token`). */
  readonly canGetOauth2Token = api.getOauth2Token !== null;

  requestId = $state<RequestId | null>(null);
  variables = $state.raw<VariablesInScope | null>(null);
  inherited = $state.raw<InheritedAuth | null>(null);

  #loading = 0;

  /** Loads the data of request `id`. */
  async load(id: RequestId): Promise<void> {
    if (this.requestId !== id) {
      this.requestId = id;
      this.variables = null;
      this.inherited = null;
    }
    const loading = ++this.#loading;
    try {
      const [variables, inherited] = await Promise.all([
        api.variablesInScope(id),
        api.inheritedAuth(id),
      ]);
      if (loading !== this.#loading) return;
      this.variables = variables;
      this.inherited = inherited;
    } catch {
      // Keep what was shown; the request may have just been deleted.
    }
  }

  /** Loads the open request's data again, after something it depends on changed. */
  reload(): Promise<void> {
    return this.requestId === null ? Promise.resolve() : this.load(this.requestId);
  }

  /**
   * HOOK: asks the core for a new OAuth 2 access token for the open request (save it first).
   * What the command returns and where the token goes are the command's to define.
   */
  async getOauth2Token(): Promise<void> {
    const id = this.requestId;
    const command = api.getOauth2Token;
    if (id === null || command === null) return;
    await alerts.attempt(() => command(id));
  }

  clear(): void {
    this.#loading++;
    this.requestId = null;
    this.variables = null;
    this.inherited = null;
  }
}

export const requestScope = new RequestScope();
