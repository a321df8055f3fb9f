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
  /** Set while an OAuth 2 token is being obtained (the browser may be open). */
  isGettingToken = $state(false);

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
   * Obtains a new OAuth 2 token for request `id` (saved first by the caller): the core stores
   * it in the keychain as a vault secret and points the auth's `accessToken` at it. Resolves to
   * whether it worked; the caller re-reads the request.
   */
  async getOauth2Token(id: RequestId): Promise<boolean> {
    this.isGettingToken = true;
    try {
      const token = await alerts.attempt(() =>
        api.getOauth2Token(id, `oauth2-${id}-${Date.now()}`, false),
      );
      if (token) await this.reload();
      return token !== undefined;
    } finally {
      this.isGettingToken = false;
    }
  }

  clear(): void {
    this.#loading++;
    this.requestId = null;
    this.variables = null;
    this.inherited = null;
  }
}

export const requestScope = new RequestScope();
