import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { VariablesInScope } from '../bindings/VariablesInScope';
import { RequestScope } from './request-scope.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const scopeOf = (key: string): VariablesInScope => ({
  variables: [{ key, source: 'environment', secret: false, value: 'v' }],
  dynamic: [],
});

beforeEach(() => {
  vi.resetAllMocks();
  mocked.inheritedAuth.mockResolvedValue({
    mode: 'basic',
    origin: { kind: 'collection', id: 1, name: 'C' },
  });
});

describe('RequestScope', () => {
  it('loads the variables and inherited auth of a request', async () => {
    mocked.variablesInScope.mockResolvedValue(scopeOf('base'));
    const scope = new RequestScope();
    await scope.load(7);
    expect(scope.variables?.variables[0]?.key).toBe('base');
    expect(scope.inherited?.origin).toEqual({ kind: 'collection', id: 1, name: 'C' });
  });

  it('drops a slower load for an earlier request', async () => {
    let finishFirst: (v: VariablesInScope) => void = () => {};
    mocked.variablesInScope
      .mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)))
      .mockResolvedValueOnce(scopeOf('second'));
    const scope = new RequestScope();
    const first = scope.load(1);
    await scope.load(2);
    finishFirst(scopeOf('first'));
    await first;
    expect(scope.requestId).toBe(2);
    expect(scope.variables?.variables[0]?.key).toBe('second');
  });

  it('keeps what it had when a reload fails, and clears on close', async () => {
    mocked.variablesInScope.mockResolvedValueOnce(scopeOf('base'));
    const scope = new RequestScope();
    await scope.load(3);
    mocked.variablesInScope.mockRejectedValueOnce({ kind: 'notFound', message: 'x', place: null });
    await scope.reload();
    expect(scope.variables?.variables[0]?.key).toBe('base');
    scope.clear();
    expect(scope.variables).toBeNull();
  });
});
