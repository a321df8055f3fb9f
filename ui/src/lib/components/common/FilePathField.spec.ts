// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, tick } from 'svelte';
import * as api from '../../api';
import { alerts } from '../../state/alerts.svelte';
import { render, type Rendered } from '../../testing/render';
import FilePathField from './FilePathField.svelte';

vi.mock('../../api');
const mocked = vi.mocked(api);

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());
beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
});

function field(value = '') {
  const onchange = vi.fn();
  const oninput = vi.fn();
  shown = render(FilePathField, {
    value,
    purpose: 'body' as const,
    label: 'Body file',
    testid: 'path',
    onchange,
    oninput,
  });
  const input = shown.target.querySelector<HTMLInputElement>('[data-testid="path"]')!;
  const button = shown.target.querySelector<HTMLButtonElement>('[data-testid="path-choose"]')!;
  return { onchange, oninput, input, button };
}

async function settle() {
  for (let i = 0; i < 3; i++) await tick();
  flushSync();
}

describe('FilePathField', () => {
  it('reports typing as it goes and the finished edit once', () => {
    const { onchange, oninput, input } = field('/old');
    input.value = '/new/file.bin';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(oninput).toHaveBeenCalledWith('/new/file.bin');
    expect(onchange).toHaveBeenCalledWith('/new/file.bin');
  });

  it('takes the path the shell returns for the file the user chose', async () => {
    mocked.chooseRequestFile.mockResolvedValue({ path: 'uploads/a.bin', inWorkingDir: true });
    const { onchange, button } = field();
    expect(button.getAttribute('aria-label')).toBe('Choose file for Body file');
    button.click();
    await settle();
    expect(mocked.chooseRequestFile).toHaveBeenCalledWith('body');
    expect(onchange).toHaveBeenCalledWith('uploads/a.bin');
  });

  it('changes nothing when the dialog is cancelled, and reports a failure', async () => {
    mocked.chooseRequestFile.mockResolvedValueOnce(null);
    const { onchange, button } = field('/kept');
    button.click();
    await settle();
    expect(onchange).not.toHaveBeenCalled();
    mocked.chooseRequestFile.mockRejectedValueOnce({
      kind: 'store',
      message: 'database is locked',
      place: null,
    });
    button.click();
    await settle();
    expect(onchange).not.toHaveBeenCalled();
    expect(alerts.items.map((a) => a.error.message)).toContain('database is locked');
  });
});
