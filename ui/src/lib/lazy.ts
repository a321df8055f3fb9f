/**
 * Components whose script loads on first use, so the window's first script does not carry
 * views it may never show (the runner, preferences, environments, a response...). `Lazy.svelte`
 * shows one.
 */
import type { Component } from 'svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponent = Component<any>;

/** A component loaded once per run, on its first use. */
export class LazyComponent<C extends AnyComponent> {
  /** The component once its script has loaded: later uses mount it at once. */
  loaded: C | null = null;
  #loading: Promise<C> | null = null;
  readonly #importer: () => Promise<{ default: C }>;

  constructor(importer: () => Promise<{ default: C }>) {
    this.#importer = importer;
  }

  /** Loads the script (once; a failed load is tried again on the next call). */
  load(): Promise<C> {
    this.#loading ??= this.#importer().then(
      (m) => (this.loaded = m.default),
      (error: unknown) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }
}

/** `importer` (an `import()` of a `.svelte` file) as a component loaded on first use. */
export function lazy<C extends AnyComponent>(
  importer: () => Promise<{ default: C }>,
): LazyComponent<C> {
  return new LazyComponent(importer);
}
