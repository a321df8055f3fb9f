// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProtoSource } from '../../bindings/ProtoSource';
import { render, type Rendered } from '../../testing/render';
import SourceEditor from './SourceEditor.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function editor(source: ProtoSource) {
  const onchange = vi.fn();
  const onaddfile = vi.fn();
  const onaddimport = vi.fn();
  shown = render(SourceEditor, { source, onchange, onaddfile, onaddimport });
  const q = (id: string) => shown!.target.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => [...shown!.target.querySelectorAll(`[data-testid="${id}"]`)];
  return { q, all, onchange, onaddfile, onaddimport };
}

describe('SourceEditor', () => {
  it('switches from reflection to files, which start empty', () => {
    const { q, onchange } = editor({ kind: 'reflection' });
    expect((q('grpc-source-reflection') as HTMLInputElement).checked).toBe(true);
    expect(q('grpc-add-file')).toBeNull();
    q('grpc-source-files')?.click();
    expect(onchange).toHaveBeenCalledWith({ kind: 'files', files: [], importPaths: [] });
  });

  it('lists files and import paths, adds through the dialogs and removes one', () => {
    const { q, all, onchange, onaddfile, onaddimport } = editor({
      kind: 'files',
      files: ['/p/echo.proto', '/p/other.proto'],
      importPaths: ['/p'],
    });
    expect(all('grpc-file').map((li) => li.querySelector('code')?.textContent)).toEqual([
      '/p/echo.proto',
      '/p/other.proto',
    ]);
    q('grpc-add-file')?.click();
    q('grpc-add-import')?.click();
    expect(onaddfile).toHaveBeenCalled();
    expect(onaddimport).toHaveBeenCalled();
    all('grpc-file')[0]?.querySelector('button')?.click();
    expect(onchange).toHaveBeenCalledWith({
      kind: 'files',
      files: ['/p/other.proto'],
      importPaths: ['/p'],
    });
  });

  it('shows embedded files read-only by name, and switching replaces them', () => {
    const { q, all, onchange } = editor({
      kind: 'embedded',
      files: [
        { path: 'hello.proto', text: 'syntax = "proto3";' },
        { path: 'common/note.proto', text: 'syntax = "proto3";' },
      ],
      entries: ['hello.proto'],
      importPaths: [''],
    });
    expect((q('grpc-source-embedded') as HTMLInputElement).checked).toBe(true);
    const names = all('grpc-embedded-file').map((li) => li.textContent?.trim());
    expect(names).toEqual(['hello.proto (compiled)', 'common/note.proto']);
    expect(shown!.target.textContent).not.toContain('syntax');
    q('grpc-source-reflection')?.click();
    expect(onchange).toHaveBeenCalledWith({ kind: 'reflection' });
  });
});
