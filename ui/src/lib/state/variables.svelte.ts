/**
 * The variables editor of one scope (an environment, the workspace's globals or a collection's
 * variables; one instance per place that edits them): the rows as
 * edited, the stored copy they are compared with, and the secrets revealed on request.
 *
 * A secret's stored value never reaches this state except through `reveal` (one at a time, on
 * a click): rows hold a secret's value only when the user types one, which replaces the stored
 * value on save; an empty value with a `secretRef` means "unchanged". Failures go to `alerts`
 * and to `status`, announced by the panel's live region.
 */
import * as api from '../api';
import type { Variable } from '../bindings/Variable';
import type { VariableScope } from '../bindings/VariableScope';
import { deepEqual } from '../deep-equal';
import { alerts } from './alerts.svelte';
import { requestScope } from './request-scope.svelte';

/** A scope the editor can load and save. */
export type EditableScope = VariableScope;

function load(scope: EditableScope): Promise<Variable[]> {
  switch (scope.kind) {
    case 'environment':
      return api.getEnvironment(scope.id).then((e) => e.variables);
    case 'globals':
      return api.getGlobals(scope.id);
    case 'collection':
      return api.getCollection(scope.id).then((c) => c.variables);
    case 'folder':
      return api.getFolder(scope.id).then((f) => f.variables);
  }
}

async function store(scope: EditableScope, rows: Variable[]): Promise<Variable[]> {
  switch (scope.kind) {
    case 'environment':
      return (await api.saveEnvironmentVariables(scope.id, rows)).variables;
    case 'globals':
      return api.saveGlobals(scope.id, rows);
    case 'collection':
      return (await api.saveCollectionVariables(scope.id, rows)).variables;
    case 'folder':
      return (await api.saveFolderVariables(scope.id, rows)).variables;
  }
}

export const BLANK: Variable = {
  key: '',
  value: '',
  enabled: true,
  secret: false,
  description: '',
};

export class VariablesEditor {
  scope = $state.raw<EditableScope | null>(null);
  stored = $state.raw<Variable[]>([]);
  rows = $state.raw<Variable[]>([]);
  /** Revealed stored values of secrets, by row index. */
  revealed = $state.raw<Record<number, string>>({});
  /** The last save's outcome, until the next edit. */
  message = $state('');
  isError = $state(false);

  isDirty = $derived(!deepEqual(this.rows, this.stored));
  status = $derived(this.message || (this.isDirty ? 'Unsaved changes' : 'Saved'));

  /** Loads a scope's variables (nothing happens for the scope already open). */
  async open(scope: EditableScope): Promise<void> {
    if (deepEqual(scope, this.scope)) return;
    this.scope = scope;
    this.#show([]);
    const loaded = await alerts.attempt(() => load(scope));
    if (loaded && deepEqual(scope, this.scope)) this.#show(loaded);
  }

  close(): void {
    this.scope = null;
    this.#show([]);
  }

  /** Changes row `index`; the index just past the last row adds a row. */
  edit(index: number, change: Partial<Variable>): void {
    const next = index < this.rows.length ? [...this.rows] : [...this.rows, { ...BLANK }];
    next[index] = { ...next[index]!, ...change };
    this.rows = next;
    this.message = '';
  }

  remove(index: number): void {
    this.rows = this.rows.filter((_, i) => i !== index);
    this.revealed = {};
    this.message = '';
  }

  /**
   * Marks a row secret or not. A stored secret turned plain takes its value from the keychain
   * first, so it is not lost.
   */
  async setSecret(index: number, secret: boolean): Promise<void> {
    const row = this.rows[index];
    if (row && !secret && row.secretRef && row.value === '') {
      const value = this.revealed[index] ?? (await this.#fetch(row));
      if (value === undefined) return;
      this.edit(index, { secret, value });
      return;
    }
    this.edit(index, { secret });
  }

  /** Shows a stored secret's value, or hides it again. */
  async toggleReveal(index: number): Promise<void> {
    if (index in this.revealed) {
      this.revealed = Object.fromEntries(
        Object.entries(this.revealed).filter(([i]) => Number(i) !== index),
      );
      return;
    }
    const row = this.rows[index];
    if (!row?.secretRef) return;
    const value = await this.#fetch(row);
    if (value !== undefined) this.revealed = { ...this.revealed, [index]: value };
  }

  /** Saves the rows (blank keys dropped); resolves to whether the store has them now. */
  async save(): Promise<boolean> {
    const scope = this.scope;
    if (!scope) return false;
    if (!this.isDirty) return true;
    const rows = this.rows.filter((r) => r.key.trim() !== '' || r.value !== '');
    try {
      const saved = await store(scope, rows);
      void requestScope.reload();
      if (!deepEqual(scope, this.scope)) return true;
      this.#show(saved);
      this.message = 'Variables saved';
      return true;
    } catch (error) {
      this.message = `Could not save: ${alerts.report(error).message}`;
      this.isError = true;
      return false;
    }
  }

  #show(variables: Variable[]): void {
    this.stored = variables;
    this.rows = variables;
    this.revealed = {};
    this.message = '';
    this.isError = false;
  }

  async #fetch(row: Variable): Promise<string | undefined> {
    const scope = this.scope;
    const key = this.stored.find((v) => v.secretRef === row.secretRef)?.key;
    if (!scope || key === undefined) return undefined;
    return alerts.attempt(() => api.revealVariable(scope, key));
  }
}

export const variables = new VariablesEditor();

/** The collection settings dialog's variables. */
export const collectionVariables = new VariablesEditor();
