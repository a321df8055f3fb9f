import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Payload } from '../bindings/Payload';
import { BodyLoader, CHUNK } from './body-loader.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
});

const head: Payload = {
  content: { encoding: 'text', text: 'héad' },
  size: 100,
  isTruncated: true,
  file: '/tmp/localpost/body-1',
};

describe('BodyLoader', () => {
  it('reads the saved file chunk by chunk after the head, by bytes', async () => {
    const loader = new BodyLoader(head);
    expect(loader.shown).toBe(5);
    expect(loader.canLoadMore).toBe(true);
    mocked.readBodyChunk.mockResolvedValueOnce({
      content: { encoding: 'text', text: ' more' },
      next: 10,
      isLast: false,
    });
    await loader.more();
    expect(mocked.readBodyChunk).toHaveBeenCalledWith('/tmp/localpost/body-1', 5, CHUNK);
    expect(loader.text).toBe('héad more');
    mocked.readBodyChunk.mockResolvedValueOnce({
      content: { encoding: 'text', text: ' end' },
      next: 100,
      isLast: true,
    });
    await loader.more();
    expect(loader.isComplete).toBe(true);
    expect(loader.canLoadMore).toBe(false);
  });

  it('has nothing to load for whole bodies and reports a failed read', async () => {
    const whole = new BodyLoader({ ...head, isTruncated: false, file: null });
    expect(whole.canLoadMore).toBe(false);
    const loader = new BodyLoader(head);
    mocked.readBodyChunk.mockRejectedValue({
      kind: 'invalid',
      message: 'not a saved response body',
      place: 'file',
    });
    await loader.more();
    expect(loader.error).toBe('not a saved response body');
    expect(loader.isLoading).toBe(false);
  });
});
