/**
 * The Import dialog: whether it is open, the import being previewed, and what the last one did.
 *
 * Three sources, all read and detected by the core: a file the shell asks for (native dialog),
 * files dropped on the window (the shell keeps their paths and tells us their names), and
 * pasted text. Each is first read into a preview (nothing written): what will be created, the
 * collections already in the workspace (Replace or Import as copy, one answer for all), and the
 * plain-text secrets found (each can be moved into the vault). Import writes it, all or none,
 * and reloads the workspace tree; its report (or the error, with its place) stays shown until
 * the next one.
 */
import * as api from '../api';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { ImportReport } from '../bindings/ImportReport';
import type { OnDuplicate } from '../bindings/OnDuplicate';
import type { PostmanFormat } from '../bindings/PostmanFormat';
import type { UiError } from '../bindings/UiError';
import { isReady, placesOf, secretMovesOf } from '../import-choices';
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
  /** Names of the files dropped, while they are previewed and imported. */
  dropped = $state.raw<string[]>([]);
  /** The import read and waiting for Import or Cancel. */
  preview = $state.raw<ImportPreview | null>(null);
  /** The answer for collections already in the workspace (`ask`: none given yet). */
  onDuplicate = $state<OnDuplicate>('ask');
  /** Places of the findings to move into the vault. */
  chosen = $state.raw<readonly string[]>([]);
  result = $state.raw<ImportResult | null>(null);
  /** The distinct places of the preview's findings. */
  places = $derived(this.preview ? placesOf(this.preview.summary.findings) : []);
  /** Whether Import can be pressed. */
  isReady = $derived(
    this.preview !== null && !this.isBusy && isReady(this.preview.summary, this.onDuplicate),
  );

  open(): void {
    this.isOpen = true;
    this.result = null;
  }

  /** Closes the dialog, dropping a preview not imported. */
  close(): void {
    this.cancel();
    this.isOpen = false;
    this.dropped = [];
  }

  /** Asks the shell for a file and previews it; nothing happens when the user cancels. */
  chooseFile(): Promise<void> {
    return this.#preview(() => api.previewImportFile(this.#workspace()));
  }

  /** Previews pasted text (ignored when blank). */
  paste(text: string): Promise<void> {
    if (text.trim() === '') return Promise.resolve();
    return this.#preview(() => api.previewImportText(this.#workspace(), text));
  }

  /** Files were dropped on the window: opens the dialog and previews them. */
  drop(names: string[]): Promise<void> {
    this.open();
    this.dropped = names;
    return this.#preview(() => api.previewImportDropped(this.#workspace()));
  }

  /** Listens for files dropped on the window; returns the way to stop. */
  watchDrops(): () => void {
    const stop = api.onFilesDropped((names) => void this.drop(names));
    return () => void stop.then((unlisten) => unlisten());
  }

  /** Marks the finding at `place` to be moved into the vault, or not. */
  choose(place: string, isChosen: boolean): void {
    const others = this.chosen.filter((p) => p !== place);
    this.chosen = isChosen ? [...others, place] : others;
  }

  /** Marks every finding to be moved into the vault. */
  chooseAll(): void {
    this.chosen = [...this.places];
  }

  /** Writes the previewed import with the choices made, then reloads the tree. */
  async commit(): Promise<void> {
    const preview = this.preview;
    if (!preview || !this.isReady) return;
    const moves = secretMovesOf(this.places, this.chosen);
    this.isBusy = true;
    try {
      const report = await api.commitImport(preview.id, this.onDuplicate, moves);
      this.#reset();
      this.result = { kind: 'report', report };
      await workspace.reload();
    } catch (e) {
      // The preview stays, to import again with other choices.
      this.result = { kind: 'error', error: toUiError(e) };
    } finally {
      this.isBusy = false;
    }
  }

  /** Drops the preview without importing. */
  cancel(): void {
    const preview = this.preview;
    this.#reset();
    if (preview) void api.cancelImport(preview.id).catch(() => undefined);
  }

  #reset(): void {
    this.preview = null;
    this.onDuplicate = 'ask';
    this.chosen = [];
  }

  #workspace(): number {
    const id = workspace.currentId;
    if (id === null) throw { kind: 'invalid', message: 'no workspace is open', place: null };
    return id;
  }

  async #preview(task: () => Promise<ImportPreview | null>): Promise<void> {
    if (this.isBusy) return;
    this.isBusy = true;
    try {
      const preview = await task();
      if (preview) {
        this.#reset();
        this.preview = preview;
        this.result = null;
      }
    } catch (e) {
      this.cancel();
      this.result = { kind: 'error', error: toUiError(e) };
    } finally {
      this.isBusy = false;
    }
  }
}

export const imports = new Imports();
