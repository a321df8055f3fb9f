import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
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

async function loaded() {
  const home = workspaceOf(1, 'Home');
  mocked.ensureWorkspace.mockResolvedValue(home);
  mocked.listWorkspaces.mockResolvedValue([home]);
  mocked.workspaceTree.mockResolvedValue(treeOf(home));
  await workspace.init();
}

beforeEach(() => {
  vi.resetAllMocks();
});

describe('Imports', () => {
  it('imports a chosen file into the current workspace and reloads the tree', async () => {
    await loaded();
    const imports = new Imports();
    imports.open();
    mocked.importFile.mockResolvedValue(report);
    mocked.workspaceTree.mockClear();
    await imports.chooseFile();
    expect(mocked.importFile).toHaveBeenCalledWith(1);
    expect(imports.result).toEqual({ kind: 'report', report });
    expect(mocked.workspaceTree).toHaveBeenCalledTimes(1);
    expect(imports.isBusy).toBe(false);
  });

  it('changes nothing when the file dialog is cancelled', async () => {
    await loaded();
    const imports = new Imports();
    mocked.importFile.mockResolvedValue(null);
    mocked.workspaceTree.mockClear();
    await imports.chooseFile();
    expect(imports.result).toBeNull();
    expect(mocked.workspaceTree).not.toHaveBeenCalled();
  });

  it('shows the error with its place and ignores blank pastes', async () => {
    await loaded();
    const imports = new Imports();
    await imports.paste('   ');
    expect(mocked.importText).not.toHaveBeenCalled();
    const error = {
      kind: 'import',
      message: 'Pasted: invalid JSON at line 1, column 2',
      place: 'Pasted',
    };
    mocked.importText.mockRejectedValue(error);
    await imports.paste('{x');
    expect(imports.result).toEqual({ kind: 'error', error });
  });

  it('opens on a drop and imports the dropped files through the shell', async () => {
    await loaded();
    const imports = new Imports();
    mocked.importDropped.mockResolvedValue(report);
    await imports.drop(['/home/me/users.json']);
    expect(imports.isOpen).toBe(true);
    expect(imports.dropped).toEqual(['/home/me/users.json']);
    expect(mocked.importDropped).toHaveBeenCalledWith(1);
    expect(imports.result?.kind).toBe('report');
    imports.close();
    expect(imports.dropped).toEqual([]);
  });
});
