import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Payload } from '../bindings/Payload';
import { BodyLoader, CHUNK, MAX_SHOWN } from './body-loader.svelte';

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

  it('reads a body larger than the window to its end, letting go of the start, and back', async () => {
    const size = MAX_SHOWN * 2;
    const big = { ...head, size, content: { encoding: 'text' as const, text: 'h'.repeat(CHUNK) } };
    const loader = new BodyLoader(big);
    // The file is read chunk by chunk; each chunk's text names its start.
    mocked.readBodyChunk.mockImplementation((_file, offset, limit) =>
      Promise.resolve({
        content: { encoding: 'text', text: `@${offset}:${limit}` },
        next: Math.min(offset + CHUNK, size),
        isLast: offset + CHUNK >= size,
      }),
    );
    let reads = 0;
    while (loader.canLoadMore) {
      await loader.more();
      reads += 1;
      expect(loader.shown - loader.start).toBeLessThanOrEqual(MAX_SHOWN);
    }
    expect(reads).toBe(size / CHUNK - 1);
    expect(loader.shown).toBe(size);
    expect(loader.start).toBe(size - MAX_SHOWN);
    expect(loader.isComplete).toBe(false);
    expect(loader.text.startsWith(`@${size - MAX_SHOWN}:`)).toBe(true);
    expect(loader.canLoadEarlier).toBe(true);

    await loader.earlier();
    const start = size - MAX_SHOWN - CHUNK;
    expect(mocked.readBodyChunk).toHaveBeenLastCalledWith(head.file, start, CHUNK);
    expect(loader.start).toBe(start);
    expect(loader.shown).toBe(size - CHUNK);
    expect(loader.canLoadMore).toBe(true);
    await loader.more();
    expect(loader.shown).toBe(size);
    expect(loader.start).toBe(size - MAX_SHOWN);
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
