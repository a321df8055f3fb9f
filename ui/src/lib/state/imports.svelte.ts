/**
 * The Import dialog: whether it is open, the import under way, and what the last one did.
 *
 * Three sources, all read and detected by the core: a file the shell asks for (native dialog),
 * files dropped on the window (the shell keeps their paths and tells us their names), and
 * pasted text (Postman JSON or curl commands). A successful import reloads the workspace tree
 * (collections and environments); its report (or the error, with its place) stays shown until the next one.
 */
import * as api from '../api';
import type { ImportReport } from '../bindings/ImportReport';
import type { PostmanFormat } from '../bindings/PostmanFormat';
import type { UiError } from '../bindings/UiError';
import { toUiError } from '../ui-error';
import { workspace } from './workspace.svelte';

export type ImportResult =
  { kind: 'report'; report: ImportReport } | { kind: 'error'; error: UiError };

/** How a format reads in the report (as the CLI prints it). */
export const FORMAT_LABELS: Record<PostmanFormat, string> = {
  collectionV1: 'collection v1',
  collectionV20: 'collection v2.0',
  collectionV21: 'collection v2.1',
  environment: 'environment',
  globals: 'globals',
  curl: 'curl commands',
  openapi3: 'OpenAPI 3',
  swagger2: 'Swagger 2.0',
  insomniaV4: 'Insomnia v4 export',
  insomniaV5: 'Insomnia v5 collection',
  har: 'HAR',
};

export class Imports {
  isOpen = $state(false);
  isBusy = $state(false);
  /** Names of the files dropped, while they are imported. */
  dropped = $state.raw<string[]>([]);
  result = $state.raw<ImportResult | null>(null);

  open(): void {
    this.isOpen = true;
    this.result = null;
  }

  close(): void {
    this.isOpen = false;
    this.dropped = [];
  }

  /** Asks the shell for a file and imports it; nothing happens when the user cancels. */
  chooseFile(): Promise<void> {
    return this.#run(() => api.importFile(this.#workspace()));
  }

  /** Imports pasted text (ignored when blank). */
  paste(text: string): Promise<void> {
    if (text.trim() === '') return Promise.resolve();
    return this.#run(() => api.importText(this.#workspace(), text));
  }

  /** Files were dropped on the window: opens the dialog and imports them. */
  drop(names: string[]): Promise<void> {
    this.open();
    this.dropped = names;
    return this.#run(() => api.importDropped(this.#workspace()));
  }

  /** Listens for files dropped on the window; returns the way to stop. */
  watchDrops(): () => void {
    const stop = api.onFilesDropped((names) => void this.drop(names));
    return () => void stop.then((unlisten) => unlisten());
  }

  #workspace(): number {
    const id = workspace.currentId;
    if (id === null) throw { kind: 'invalid', message: 'no workspace is open', place: null };
    return id;
  }

  async #run(task: () => Promise<ImportReport | null>): Promise<void> {
    if (this.isBusy) return;
    this.isBusy = true;
    try {
      const report = await task();
      if (report) {
        this.result = { kind: 'report', report };
        await workspace.reload();
      }
    } catch (e) {
      this.result = { kind: 'error', error: toUiError(e) };
    } finally {
      this.isBusy = false;
    }
  }
}

export const imports = new Imports();
