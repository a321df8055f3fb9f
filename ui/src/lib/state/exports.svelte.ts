/**
 * The Export dialog: what is being exported (a collection, an environment or the workspace's
 * globals), and where the last export went with what it withheld, or why it failed.
 *
 * The shell asks where to save (native dialog) and writes Postman v2.1 JSON; secret values are
 * never written, and the report lists them.
 */
import * as api from '../api';
import type { CollectionId } from '../bindings/CollectionId';
import type { EnvironmentId } from '../bindings/EnvironmentId';
import type { Exported } from '../bindings/Exported';
import type { UiError } from '../bindings/UiError';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { toUiError } from '../ui-error';

export type ExportTarget =
  | { kind: 'collection'; id: CollectionId; name: string }
  | { kind: 'environment'; id: EnvironmentId; name: string }
  | { kind: 'globals'; id: WorkspaceId; name: string };

export type ExportResult =
  { kind: 'saved'; exported: Exported } | { kind: 'error'; error: UiError };

function run(target: ExportTarget): Promise<Exported | null> {
  switch (target.kind) {
    case 'collection':
      return api.exportCollection(target.id);
    case 'environment':
      return api.exportEnvironment(target.id);
    case 'globals':
      return api.exportGlobals(target.id);
  }
}

export class Exports {
  target = $state.raw<ExportTarget | null>(null);
  isBusy = $state(false);
  result = $state.raw<ExportResult | null>(null);

  open(target: ExportTarget): void {
    this.target = target;
    this.result = null;
  }

  close(): void {
    this.target = null;
    this.result = null;
  }

  /** Asks where to save and writes the file; a cancelled dialog changes nothing. */
  async save(): Promise<void> {
    const target = this.target;
    if (!target || this.isBusy) return;
    this.isBusy = true;
    try {
      const exported = await run(target);
      if (exported) this.result = { kind: 'saved', exported };
    } catch (e) {
      this.result = { kind: 'error', error: toUiError(e) };
    } finally {
      this.isBusy = false;
    }
  }
}

export const exports = new Exports();
