import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { LANGUAGES, Snippets } from './snippets.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
});

describe('Snippets', () => {
  it('offers the core’s ten languages', () => {
    expect(LANGUAGES.map((l) => l.id)).toEqual([
      'curl',
      'httpie',
      'python',
      'fetch',
      'axios',
      'go',
      'rust',
      'java',
      'csharp',
      'powershell',
    ]);
  });

  it('loads the snippet for the open request and the chosen language, and copies it', async () => {
    const snippets = new Snippets();
    mocked.requestSnippet.mockImplementation((_id, language) =>
      Promise.resolve(`${language} snippet`),
    );
    await snippets.open(9);
    expect(snippets.text).toBe('curl snippet');
    await snippets.choose('python');
    expect(mocked.requestSnippet).toHaveBeenLastCalledWith(9, 'python');
    expect(snippets.text).toBe('python snippet');
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await snippets.copy();
    expect(writeText).toHaveBeenCalledWith('python snippet');
    expect(snippets.status).toBe('Copied to the clipboard');
    vi.unstubAllGlobals();
    snippets.close();
    expect(snippets.requestId).toBeNull();
  });

  it('shows why a snippet cannot be made', async () => {
    const snippets = new Snippets();
    mocked.requestSnippet.mockRejectedValue({
      kind: 'notFound',
      message: 'request 9 not found',
      place: null,
    });
    await snippets.open(9);
    expect(snippets.error?.message).toBe('request 9 not found');
    expect(snippets.text).toBe('');
  });
});
