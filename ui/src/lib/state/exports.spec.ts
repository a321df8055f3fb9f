import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { Exports } from './exports.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
});

describe('Exports', () => {
  it('exports each kind through its command and keeps what was withheld', async () => {
    const exports = new Exports();
    const exported = {
      path: '/tmp/users.json',
      report: { withheld: [{ path: 'variable[0]', key: 'token' }], warnings: [], secrets: [] },
    };
    mocked.exportCollection.mockResolvedValue(exported);
    exports.open({ kind: 'collection', id: 4, name: 'Users' });
    await exports.save();
    expect(mocked.exportCollection).toHaveBeenCalledWith(4);
    expect(exports.result).toEqual({ kind: 'saved', exported });

    mocked.exportEnvironment.mockResolvedValue(null);
    exports.open({ kind: 'environment', id: 7, name: 'Dev' });
    await exports.save();
    expect(mocked.exportEnvironment).toHaveBeenCalledWith(7);
    expect(exports.result).toBeNull();

    mocked.exportGlobals.mockRejectedValue({ kind: 'io', message: 'cannot write /x', place: '/x' });
    exports.open({ kind: 'globals', id: 1, name: 'Globals' });
    await exports.save();
    expect(mocked.exportGlobals).toHaveBeenCalledWith(1);
    expect(exports.result?.kind).toBe('error');
    exports.close();
    expect(exports.target).toBeNull();
  });
});
