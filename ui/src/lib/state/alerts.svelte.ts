/**
 * Errors shown to the user in the alert area: every failed command ends up here.
 *
 * Holds the latest few, newest last, each with its own id so one can be dismissed.
 */
import type { UiError } from '../bindings/UiError';
import { toUiError } from '../ui-error';

/** How many errors stay on screen; older ones drop off. */
export const MAX_ALERTS = 4;

export interface Alert {
  id: number;
  error: UiError;
}

function sameError(a: UiError, b: UiError): boolean {
  return a.kind === b.kind && a.message === b.message && a.place === b.place;
}

export class Alerts {
  items = $state<Alert[]>([]);
  #next = 1;

  /**
   * Shows `error` (anything thrown) and returns it as a `UiError`. The same error again (a
   * save retried on every blur) replaces the earlier one instead of stacking up.
   */
  report(error: unknown): UiError {
    const uiError = toUiError(error);
    const others = this.items.filter((a) => !sameError(a.error, uiError));
    this.items = [...others, { id: this.#next++, error: uiError }].slice(-MAX_ALERTS);
    return uiError;
  }

  /**
   * Shows each of `warnings` (what a command did not manage although it succeeded, such as
   * keychain entries a delete could not remove) as an alert of kind `warning`.
   */
  warn(warnings: readonly string[] | null | undefined) {
    for (const message of warnings ?? []) this.report({ kind: 'warning', message, place: null });
  }

  dismiss(id: number) {
    this.items = this.items.filter((a) => a.id !== id);
  }

  clear() {
    this.items = [];
  }

  /** Runs `task`; on failure reports the error and resolves to `undefined`. */
  async attempt<T>(task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }
}

export const alerts = new Alerts();
