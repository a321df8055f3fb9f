import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { ImportReport } from '../bindings/ImportReport';
import { treeOf, workspaceOf } from '../testing/fixtures';
import { Imports } from './imports.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const report: ImportReport = {
  collections: [{ id: 3, name: 'Users API', format: 'collectionV21', folders: 1, requests: 2 }],
  environments: [],
  globals: [],
  warnings: [{ file: 'users.json', path: 'item[0].request.auth', message: 'kept but not used' }],
  secrets: [],
  moved: [],
};

function previewOf(id: number, duplicates = 0, places: string[] = []): ImportPreview {
  return {
    id,
    sources: ['users.json'],
    summary: {
      collections: [{ name: 'Users API', format: 'collectionV21', folders: 1, requests: 2 }],
      environments: [],
      globals: [],
      duplicates: Array.from({ length: duplicates }, () => ({
        name: 'Users API',
        existing: 2,
        existingName: 'Users API',
      })),
      findings: places.map((place) => ({ place, kind: 'jwt', length: 40 })),
      warnings: [],
    },
  };
}

async function loaded() {
  const home = workspaceOf(1, 'Home');
  mocked.ensureWorkspace.mockResolvedValue(home);
  mocked.listWorkspaces.mockResolvedValue([home]);
  mocked.workspaceTree.mockResolvedValue(treeOf(home));
  await workspace.init();
}

beforeEach(() => {
  vi.resetAllMocks();
  mocked.cancelImport.mockResolvedValue(undefined);
});

describe('Imports', () => {
  it('previews a chosen file, then imports it and reloads the tree', async () => {
    await loaded();
    const imports = new Imports();
    imports.open();
    mocked.previewImportFile.mockResolvedValue(previewOf(7));
    mocked.workspaceTree.mockClear();
    await imports.chooseFile();
    expect(mocked.previewImportFile).toHaveBeenCalledWith(1);
    expect(imports.preview?.id).toBe(7);
    expect(imports.isReady).toBe(true);
    expect(mocked.workspaceTree).not.toHaveBeenCalled();

    mocked.commitImport.mockResolvedValue(report);
    await imports.commit();
    expect(mocked.commitImport).toHaveBeenCalledWith(7, 'ask', { kind: 'none' });
    expect(imports.preview).toBeNull();
    expect(imports.result).toEqual({ kind: 'report', report });
    expect(mocked.workspaceTree).toHaveBeenCalledTimes(1);
    expect(imports.isBusy).toBe(false);
  });

  it('changes nothing when the file dialog is cancelled', async () => {
    await loaded();
    const imports = new Imports();
    mocked.previewImportFile.mockResolvedValue(null);
    await imports.chooseFile();
    expect(imports.preview).toBeNull();
    expect(imports.result).toBeNull();
  });

  it('waits for a replace or copy answer when a collection is already there', async () => {
    await loaded();
    const imports = new Imports();
    mocked.previewImportText.mockResolvedValue(previewOf(8, 1));
    await imports.paste('{"info": {}}');
    expect(imports.isReady).toBe(false);
    await imports.commit();
    expect(mocked.commitImport).not.toHaveBeenCalled();
    imports.onDuplicate = 'copy';
    expect(imports.isReady).toBe(true);
    mocked.commitImport.mockResolvedValue(report);
    await imports.commit();
    expect(mocked.commitImport).toHaveBeenCalledWith(8, 'copy', { kind: 'none' });
  });

  it('moves the chosen findings, or all of them', async () => {
    await loaded();
    const imports = new Imports();
    mocked.previewImportFile.mockResolvedValue(previewOf(9, 0, ['A › url', 'B › headers.X']));
    await imports.chooseFile();
    imports.choose('B › headers.X', true);
    mocked.commitImport.mockRejectedValue({ kind: 'store', message: 'disk full', place: null });
    await imports.commit();
    expect(mocked.commitImport).toHaveBeenLastCalledWith(9, 'ask', {
      kind: 'only',
      places: ['B › headers.X'],
    });
    // A failed write keeps the preview and the choices, to try again.
    expect(imports.result?.kind).toBe('error');
    expect(imports.preview?.id).toBe(9);
    imports.chooseAll();
    mocked.commitImport.mockResolvedValue(report);
    await imports.commit();
    expect(mocked.commitImport).toHaveBeenLastCalledWith(9, 'ask', { kind: 'all' });
    expect(imports.chosen).toEqual([]);
  });

  it('drops the preview in the shell on cancel and on close', async () => {
    await loaded();
    const imports = new Imports();
    imports.open();
    mocked.previewImportFile.mockResolvedValue(previewOf(10, 1, ['A › url']));
    await imports.chooseFile();
    imports.onDuplicate = 'replace';
    imports.chooseAll();
    imports.cancel();
    expect(mocked.cancelImport).toHaveBeenCalledWith(10);
    expect(imports.preview).toBeNull();
    expect(imports.onDuplicate).toBe('ask');
    expect(imports.chosen).toEqual([]);
    mocked.previewImportFile.mockResolvedValue(previewOf(11));
    await imports.chooseFile();
    imports.close();
    expect(mocked.cancelImport).toHaveBeenLastCalledWith(11);
    expect(imports.isOpen).toBe(false);
  });

  it('shows the error with its place and ignores blank pastes', async () => {
    await loaded();
    const imports = new Imports();
    await imports.paste('   ');
    expect(mocked.previewImportText).not.toHaveBeenCalled();
    const error = {
      kind: 'import',
      message: 'Pasted: invalid JSON at line 1, column 2',
      place: 'Pasted',
    };
    mocked.previewImportText.mockRejectedValue(error);
    await imports.paste('{x');
    expect(imports.result).toEqual({ kind: 'error', error });
    expect(imports.preview).toBeNull();
  });

  it('opens on a drop and previews the dropped files through the shell', async () => {
    await loaded();
    const imports = new Imports();
    mocked.previewImportDropped.mockResolvedValue(previewOf(12));
    await imports.drop(['/home/me/users.json']);
    expect(imports.isOpen).toBe(true);
    expect(imports.dropped).toEqual(['/home/me/users.json']);
    expect(mocked.previewImportDropped).toHaveBeenCalledWith(1);
    expect(imports.preview?.id).toBe(12);
    imports.close();
    expect(imports.dropped).toEqual([]);
  });
});
