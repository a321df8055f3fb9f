/**
 * The Runner: which collection and items to run and how (environment, iterations, data file,
 * delay), the run under way or last finished with its live results, and the workspace's past
 * runs. Each run gets an id minted here before the command starts, so Stop can target it.
 * Failures go to `alerts`, except a data file that does not parse, shown beside the form.
 */
import * as api from '../api';
import type { CollectionId } from '../bindings/CollectionId';
import type { DataPreview } from '../bindings/DataPreview';
import type { EnvironmentId } from '../bindings/EnvironmentId';
import type { ReportFormat } from '../bindings/ReportFormat';
import type { RunDetail } from '../bindings/RunDetail';
import type { RunId } from '../bindings/RunId';
import type { RunProgress } from '../bindings/RunProgress';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunStep } from '../bindings/RunStep';
import type { UiError } from '../bindings/UiError';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { checkedFor, selectedItems } from '../run-items';
import { findNode } from '../tree';
import { toUiError } from '../ui-error';
import { alerts } from './alerts.svelte';
import { dialogs } from './dialogs.svelte';
import { workspace } from './workspace.svelte';

/** Report formats the core writes today. */
export const REPORT_FORMATS: ReportFormat[] = ['json', 'junit', 'html'];

export interface RunCounts {
  requests: number;
  failedRequests: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** Whether anything failed in `step`: a test, a script or the request. */
export function hasFailed(step: RunStep): boolean {
  return (
    step.error !== null || step.checks.some((c) => c.outcome === 'failed' || c.outcome === 'error')
  );
}

export function countSteps(steps: readonly RunStep[]): RunCounts {
  const counts = { requests: steps.length, failedRequests: 0, passed: 0, failed: 0, skipped: 0 };
  for (const step of steps) {
    if (hasFailed(step)) counts.failedRequests++;
    for (const check of step.checks) {
      if (check.outcome === 'passed') counts.passed++;
      else if (check.outcome === 'failed') counts.failed++;
      else if (check.outcome === 'skipped') counts.skipped++;
    }
  }
  return counts;
}

export class RunnerState {
  isOpen = $state(false);
  /** The current workspace's collections. */
  collections = $derived(workspace.collections);
  collectionId = $state<CollectionId | null>(null);
  /** The request ids checked in the item tree. */
  checked = $state.raw<ReadonlySet<number>>(checkedFor([], []));
  environmentId = $state<EnvironmentId | null>(null);
  iterations = $state(1);
  delayMs = $state(0);
  data = $state.raw<DataPreview | null>(null);
  dataError = $state.raw<UiError | null>(null);

  /** The id of the run under way, if one is. */
  running = $state<string | null>(null);
  iteration = $state<{ index: number; count: number } | null>(null);
  steps = $state.raw<RunStep[]>([]);
  /** The last run as recorded, once it ended. */
  record = $state.raw<RunRecord | null>(null);
  failuresOnly = $state(false);
  /** A past run opened for viewing. */
  past = $state.raw<RunDetail | null>(null);
  runs = $state.raw<RunRecord[]>([]);
  announcement = $state('');

  collection = $derived(this.collections.find((c) => c.id === this.collectionId) ?? null);
  counts = $derived(countSteps(this.steps));
  /** The requests that failed in the run, each once, in the order they first failed. */
  failedRequests = $derived(
    this.steps
      .filter(hasFailed)
      .map((s) => s.request as number)
      .filter((id, i, all) => all.indexOf(id) === i),
  );

  #next = 1;
  #workspaceId: WorkspaceId | null = null;

  /**
   * Opens the Runner on `collectionId` (default: the last one, else the first) with only
   * `items` (folder or request ids) checked, or all of it; reads the past runs.
   */
  open(collectionId?: CollectionId, items?: number[]): void {
    this.isOpen = true;
    this.past = null;
    const known = this.collections.some((c) => c.id === this.collectionId);
    const id = collectionId ?? (known ? this.collectionId : (this.collections[0]?.id ?? null));
    if (collectionId !== undefined || id !== this.collectionId || items !== undefined) {
      this.selectCollection(id, items);
    }
    void this.loadRuns(workspace.currentId);
  }

  /** Opens the Runner on a collection, or on a folder or request with only it checked. */
  openOn(kind: 'collection' | 'folder' | 'request', id: number): void {
    if (kind === 'collection') return this.open(id);
    const owner = this.collections.find((c) => findNode([c], { kind, id }) !== null);
    this.open(owner?.id, [id]);
  }

  close(): void {
    this.isOpen = false;
  }

  selectCollection(id: CollectionId | null, items?: number[]): void {
    this.collectionId = id;
    const tree = this.collections.find((c) => c.id === id);
    this.checked = checkedFor(tree?.children ?? [], items);
  }

  setChecked(checked: Set<number>): void {
    this.checked = checked;
  }

  async chooseData(): Promise<void> {
    try {
      const preview = await api.chooseDataFile();
      if (preview === null) return;
      this.data = preview;
      this.dataError = null;
      this.iterations = Math.max(1, preview.count);
    } catch (error) {
      this.data = null;
      this.dataError = toUiError(error);
    }
  }

  clearData(): void {
    this.data = null;
    this.dataError = null;
  }

  /** Runs the checked items, or only `items` (ids of requests, for a re-run). */
  async start(items?: number[]): Promise<void> {
    const collection = this.collection;
    if (collection === null || this.running !== null) return;
    const runId = `run-${this.#next++}-${Date.now().toString(36)}`;
    this.running = runId;
    this.steps = [];
    this.record = null;
    this.past = null;
    this.iteration = null;
    this.announcement = 'Run started';
    const request = {
      collection: collection.id,
      items: items ?? selectedItems(collection.children, this.checked),
      environment: this.environmentId,
      iterations: this.iterations,
      useData: this.data !== null,
      delayMs: this.delayMs,
    };
    const record = await alerts.attempt(() =>
      api.runCollection(runId, request, (p) => this.#progress(p)),
    );
    this.running = null;
    if (record) {
      this.record = record;
      this.runs = [record, ...this.runs.filter((r) => r.id !== record.id)];
      const c = this.counts;
      this.announcement = `${record.cancelled ? 'Run stopped' : 'Run finished'}: ${c.passed} passed, ${c.failed} failed`;
    } else this.announcement = 'Run failed';
  }

  #progress(progress: RunProgress): void {
    if (progress.kind === 'iteration') {
      this.iteration = { index: progress.index, count: progress.count };
      this.announcement = `Iteration ${progress.index + 1} of ${progress.count}`;
    } else {
      this.steps = [...this.steps, progress.step];
    }
  }

  async stop(): Promise<void> {
    const runId = this.running;
    if (runId !== null) await alerts.attempt(() => api.stopRun(runId));
  }

  /** Runs again only the requests that failed in the last run, once each iteration. */
  async rerunFailed(): Promise<void> {
    const failed = this.failedRequests;
    if (failed.length > 0) await this.start(failed);
  }

  async saveReport(format: ReportFormat): Promise<void> {
    const record = this.record;
    if (record === null) return;
    const path = await alerts.attempt(() => api.saveRunReport(record.id, format));
    if (path) this.announcement = `Report saved to ${path}`;
  }

  async loadRuns(workspaceId: WorkspaceId | null = this.#workspaceId): Promise<void> {
    if (workspaceId === null) return;
    this.#workspaceId = workspaceId;
    const list = await alerts.attempt(() => api.listRuns(workspaceId));
    if (list && workspaceId === this.#workspaceId) this.runs = list;
  }

  async openPast(id: RunId): Promise<void> {
    const detail = await alerts.attempt(() => api.showRun(id));
    if (detail) this.past = detail;
  }

  closePast(): void {
    this.past = null;
  }

  /** Deletes past runs; more than one only after a confirmation. */
  async deletePast(ids: RunId[]): Promise<void> {
    if (ids.length > 1) {
      const ok = await dialogs.confirm({
        title: 'Delete past runs?',
        message: `Delete ${ids.length} past runs of this workspace?`,
        confirmLabel: 'Delete',
      });
      if (!ok) return;
    }
    const removed = await alerts.attempt(() => api.deleteRuns(ids));
    if (removed === undefined) return;
    this.runs = this.runs.filter((r) => !ids.includes(r.id));
    if (this.past && ids.includes(this.past.record.id)) this.past = null;
  }
}

export const runner = new RunnerState();
