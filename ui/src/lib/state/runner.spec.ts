import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { RunProgress } from '../bindings/RunProgress';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunStep } from '../bindings/RunStep';
import type { WorkspaceTree } from '../bindings/WorkspaceTree';
import { alerts } from './alerts.svelte';
import { dialogs } from './dialogs.svelte';
import { RunnerState } from './runner.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const tree = {
  workspace: { id: 1, name: 'W', activeEnvironmentId: null },
  collections: [
    {
      id: 10,
      name: 'Users API',
      children: [
        {
          kind: 'folder',
          id: 11,
          name: 'Users',
          children: [
            { kind: 'request', id: 12, name: 'List', method: 'GET', url: '' },
            { kind: 'request', id: 13, name: 'Create', method: 'POST', url: '' },
          ],
        },
        { kind: 'request', id: 14, name: 'Health', method: 'GET', url: '' },
      ],
    },
  ],
  environments: [],
} as unknown as WorkspaceTree;

function step(request: number, ok: boolean): RunStep {
  return {
    iteration: 0,
    position: 0,
    request,
    name: `r${request}`,
    folders: [],
    method: 'GET',
    url: '',
    status: 200,
    timeMs: 1,
    size: 1,
    skipped: false,
    error: null,
    checks: [{ name: 't', outcome: ok ? 'passed' : 'failed', message: null, listen: 'test' }],
  };
}

const record = { id: 5, cancelled: false } as RunRecord;

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  workspace.tree = tree;
  workspace.currentId = 1;
  mocked.listRuns.mockResolvedValue([]);
});

describe('RunnerState', () => {
  it('opens on a folder with only its requests, and runs them by the folder’s id', async () => {
    const runner = new RunnerState();
    runner.openOn('folder', 11);
    expect(runner.collectionId).toBe(10);
    expect([...runner.checked]).toEqual([12, 13]);
    runner.iterations = 2;
    mocked.runCollection.mockImplementation((_id, _request, onprogress) => {
      const events: RunProgress[] = [
        { kind: 'iteration', index: 0, count: 2 },
        { kind: 'step', step: step(12, true) },
        { kind: 'step', step: step(13, false) },
      ];
      events.forEach(onprogress);
      return Promise.resolve(record);
    });
    await runner.start();
    const request = mocked.runCollection.mock.calls[0]![1];
    expect(request).toMatchObject({ collection: 10, items: [11], iterations: 2, useData: false });
    expect(runner.steps).toHaveLength(2);
    expect(runner.counts).toMatchObject({ passed: 1, failed: 1, failedRequests: 1 });
    expect(runner.record).toBe(record);
    expect(runner.runs).toEqual([record]);
    expect(runner.announcement).toBe('Run finished: 1 passed, 1 failed');
  });

  it('re-runs only the failed requests', async () => {
    const runner = new RunnerState();
    runner.open(10);
    mocked.runCollection.mockImplementation((_id, _request, onprogress) => {
      onprogress({ kind: 'step', step: step(12, false) });
      onprogress({ kind: 'step', step: step(14, true) });
      onprogress({ kind: 'step', step: step(12, false) });
      return Promise.resolve(record);
    });
    await runner.start();
    expect(mocked.runCollection.mock.calls[0]![1].items).toEqual([]);
    await runner.rerunFailed();
    expect(mocked.runCollection.mock.calls[1]![1].items).toEqual([12]);
  });

  it('stops the run under way by its id', async () => {
    const runner = new RunnerState();
    runner.open(10);
    let finish: (r: RunRecord) => void = () => {};
    mocked.runCollection.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    mocked.stopRun.mockResolvedValue(true);
    const started = runner.start();
    expect(runner.running).not.toBeNull();
    await runner.stop();
    expect(mocked.stopRun).toHaveBeenCalledWith(runner.running);
    finish({ ...record, cancelled: true });
    await started;
    expect(runner.running).toBeNull();
    expect(runner.announcement).toMatch(/^Run stopped/);
  });

  it('keeps a data file’s parse error beside the form, not in the alerts', async () => {
    const runner = new RunnerState();
    const error = {
      kind: 'invalid',
      message: 'd.csv: line 2: a quoted field is not closed',
      place: 'd.csv',
    };
    mocked.chooseDataFile.mockRejectedValue(error);
    await runner.chooseData();
    expect(runner.dataError).toEqual(error);
    expect(alerts.items).toHaveLength(0);
    mocked.chooseDataFile.mockResolvedValue({
      path: 'u.csv',
      columns: ['a'],
      rows: [['1']],
      count: 3,
    });
    await runner.chooseData();
    expect(runner.dataError).toBeNull();
    expect(runner.iterations).toBe(3);
  });

  it('deletes one past run at once and several after a confirmation', async () => {
    const runner = new RunnerState();
    runner.runs = [
      { ...record, id: 1 },
      { ...record, id: 2 },
      { ...record, id: 3 },
    ];
    mocked.deleteRuns.mockResolvedValue(1);
    await runner.deletePast([2]);
    expect(runner.runs.map((r) => r.id)).toEqual([1, 3]);
    const confirm = vi.spyOn(dialogs, 'confirm').mockResolvedValue(false);
    await runner.deletePast([1, 3]);
    expect(mocked.deleteRuns).toHaveBeenCalledTimes(1);
    confirm.mockResolvedValue(true);
    await runner.deletePast([1, 3]);
    expect(mocked.deleteRuns).toHaveBeenLastCalledWith([1, 3]);
    expect(runner.runs).toEqual([]);
  });
});
