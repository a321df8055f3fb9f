import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Request } from '../bindings/Request';
import { exchangeOf } from '../testing/fixtures';
import { dialogs } from './dialogs.svelte';
import { editor } from './editor.svelte';
import { ResponseActions } from './response-actions.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
});

describe('ResponseActions.saveExample', () => {
  it('names the example, sends the body source and keeps the examples in the editor', async () => {
    const exchange = exchangeOf(201, '{"id":1}');
    const actions = new ResponseActions();
    const stored = { id: 4, examples: [] } as unknown as Request;
    editor.stored = stored;
    const saved = {
      ...stored,
      examples: [{ name: 'Created one' }],
    } as unknown as Request;
    mocked.saveExample.mockResolvedValue(saved);
    const done = actions.saveExample(stored.id, exchange);
    expect(dialogs.pending?.type).toBe('prompt');
    dialogs.answer('Created one');
    await done;
    expect(mocked.saveExample).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({ name: 'Created one', code: exchange.response.status }),
      { kind: 'text', text: '{"id":1}' },
    );
    expect(editor.stored?.examples).toEqual(saved.examples);
    expect(actions.status).toBe('Saved the response as example "Created one"');
  });
});
