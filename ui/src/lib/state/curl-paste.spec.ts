import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { requestOf } from '../testing/fixtures';
import { alerts } from './alerts.svelte';
import { isCurl, pasteIntoUrl } from './curl-paste';
import { dialogs } from './dialogs.svelte';
import { editor } from './editor.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const pasted = {
  ...requestOf(0, 'curl', 'POST', 'https://api.test/users?page=2'),
  headers: [{ key: 'X-Token', value: 'abc', enabled: true, description: '', extra: {} }],
  body: { mode: 'raw' as const, text: '{"a":1}', language: 'json' as const },
};

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  dialogs.cancel();
  mocked.saveDraft.mockResolvedValue(null);
});

describe('curl paste', () => {
  it('recognises curl commands only', () => {
    expect(isCurl('curl https://x')).toBe(true);
    expect(isCurl('\n# login\n  curl.exe -X POST https://x')).toBe(true);
    expect(isCurl('https://x/curl')).toBe(false);
    expect(isCurl('curly')).toBe(false);
  });

  it('turns an empty request into the command without asking', async () => {
    editor.show(requestOf(5, 'New'));
    mocked.parseCurl.mockResolvedValue(pasted);
    expect(await pasteIntoUrl('curl -X POST https://api.test/users?page=2')).toBe(true);
    expect(editor.draft?.method).toBe('POST');
    expect(editor.draft?.url).toBe('https://api.test/users?page=2');
    expect(editor.draft?.params.map((p) => [p.key, p.value])).toEqual([['page', '2']]);
    expect(editor.draft?.headers).toEqual(pasted.headers);
    expect(editor.draft?.body).toEqual(pasted.body);
    // Kept as the request's draft, not saved (Ctrl+S saves it).
    expect(mocked.saveDraft).toHaveBeenCalledWith(
      expect.objectContaining({ id: 5, method: 'POST' }),
    );
    expect(editor.isDirty).toBe(true);
  });

  it('asks before replacing a request that has a URL, and keeps it when refused', async () => {
    editor.show(requestOf(5, 'Old', 'GET', 'https://old.test'));
    mocked.parseCurl.mockResolvedValue(pasted);
    const done = pasteIntoUrl('curl https://api.test');
    await vi.waitFor(() => expect(dialogs.pending?.type).toBe('confirm'));
    dialogs.cancel();
    await done;
    expect(editor.draft?.url).toBe('https://old.test');
  });

  it('leaves other text to the field', async () => {
    editor.show(requestOf(5, 'New'));
    expect(await pasteIntoUrl('https://x')).toBe(false);
    expect(mocked.parseCurl).not.toHaveBeenCalled();
  });
});
