/**
 * The current workspace and its tree: which workspaces exist, which one is shown, and every
 * write to collections, folders and requests made from the sidebar.
 *
 * Each write goes to the store and then reloads the tree, so the sidebar always shows what the
 * store holds. Failures are reported to `alerts` and leave the state as it was; methods resolve
 * to `undefined` (or `false`) then. The open request's editor lives in `editor.svelte.ts`.
 */
import * as api from '../api';
import type { Boot } from '../bindings/Boot';
import type { Classification } from '../bindings/Classification';
import type { Duplicable } from '../bindings/Duplicable';
import type { CollectionId } from '../bindings/CollectionId';
import type { NodeId } from '../bindings/NodeId';
import type { Parent } from '../bindings/Parent';
import type { Protocol } from '../bindings/Protocol';
import type { Request } from '../bindings/Request';
import type { Workspace } from '../bindings/Workspace';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import type { WorkspaceTree } from '../bindings/WorkspaceTree';
import { findNode, moveIndex, type Direction, type Row } from '../tree';
import type { MoveTarget } from '../tree-drop';
import { mark } from '../trace';
import { alerts } from './alerts.svelte';

export class WorkspaceState {
  workspaces = $state.raw<Workspace[]>([]);
  currentId = $state<WorkspaceId | null>(null);
  /**
   * Raw, not deeply reactive: a tree of 10,000 requests would otherwise be wrapped in 10,000
   * proxies that every filter pass walks through. Replaced whole on each change.
   */
  tree = $state.raw<WorkspaceTree | null>(null);

  current = $derived(this.workspaces.find((w) => w.id === this.currentId) ?? null);
  collections = $derived(this.tree?.collections ?? []);

  /** Whether `start` showed the shell's snapshot, which the next `init` then keeps. */
  #started = false;

  /** Bumped by every reload, so a slow answer for an older one is dropped. */
  #generation = 0;

  /**
   * Shows the workspaces and the first one's tree as the shell read them before the window
   * opened (`boot.ts`), so they are in the first frame; `init` then asks for nothing.
   */
  start(boot: Boot): void {
    this.workspaces = boot.workspaces;
    this.currentId = boot.tree.workspace.id;
    this.tree = boot.tree;
    this.#started = true;
    mark('workspace-loaded');
  }

  /**
   * Loads the workspace list and shows the first workspace (created if the store is empty),
   * unless `start` showed them. The list and the tree are asked for at once: the window's
   * start waits for the slower of the two, not for both in turn.
   */
  async init(): Promise<void> {
    if (this.#started) {
      this.#started = false;
      return;
    }
    const first = await alerts.attempt(() => api.ensureWorkspace());
    if (!first) return;
    mark('workspace-ensured');
    await Promise.all([this.#refreshList(), this.select(first.id)]);
    mark('workspace-loaded');
  }

  /** Shows workspace `id`. */
  async select(id: WorkspaceId): Promise<void> {
    this.currentId = id;
    this.tree = null;
    await this.reload();
  }

  /** Reads the current workspace's tree again. */
  async reload(): Promise<void> {
    const id = this.currentId;
    if (id === null) return;
    const generation = ++this.#generation;
    const tree = await alerts.attempt(() => api.workspaceTree(id));
    if (tree && generation === this.#generation && id === this.currentId) this.tree = tree;
  }

  async createWorkspace(name: string): Promise<Workspace | undefined> {
    const created = await alerts.attempt(() => api.createWorkspace(name));
    if (!created) return undefined;
    await this.#refreshList();
    await this.select(created.id);
    return created;
  }

  async renameWorkspace(id: WorkspaceId, name: string): Promise<boolean> {
    const renamed = await alerts.attempt(() => api.renameWorkspace(id, name));
    if (!renamed) return false;
    await this.#refreshList();
    if (this.currentId === id) await this.reload();
    return true;
  }

  /** Sets how sensitive workspace `id`'s data is. */
  async classify(id: WorkspaceId, classification: Classification): Promise<boolean> {
    const changed = await alerts.attempt(() => api.classifyWorkspace(id, classification));
    if (!changed) return false;
    await this.#refreshList();
    return true;
  }

  /** Deletes a workspace; when it was the current one, shows the first left (or a new one). */
  async deleteWorkspace(id: WorkspaceId): Promise<boolean> {
    const deleted = () => api.deleteWorkspace(id).then((w) => alerts.warn(w));
    if (!(await this.#write(deleted, false))) return false;
    await this.#refreshList();
    if (this.currentId !== id) return true;
    let next: Workspace | undefined = this.workspaces[0];
    if (!next) {
      next = await alerts.attempt(() => api.ensureWorkspace());
      await this.#refreshList();
    }
    if (next) {
      await this.select(next.id);
    } else {
      this.currentId = null;
      this.tree = null;
    }
    return true;
  }

  async createCollection(name: string): Promise<CollectionId | undefined> {
    const workspaceId = this.currentId;
    if (workspaceId === null) return undefined;
    const created = await alerts.attempt(() => api.createCollection(workspaceId, name));
    if (!created) return undefined;
    await this.reload();
    return created.id;
  }

  renameCollection(id: CollectionId, name: string): Promise<boolean> {
    return this.#write(() => api.renameCollection(id, name));
  }

  deleteCollection(id: CollectionId): Promise<boolean> {
    return this.#write(() => api.deleteCollection(id).then((w) => alerts.warn(w)));
  }

  async createFolder(parent: Parent, name: string): Promise<number | undefined> {
    const created = await alerts.attempt(() => api.createFolder({ parent, name }));
    if (!created) return undefined;
    await this.reload();
    return created.id;
  }

  /** Creates a `GET` request with an empty URL and returns it as stored. */
  async createRequest(
    parent: Parent,
    name: string,
    protocol: Protocol = 'http',
  ): Promise<Request | undefined> {
    const created = await alerts.attempt(() =>
      api.createRequest({ parent, name, method: 'GET', url: '', protocol }),
    );
    if (!created) return undefined;
    await this.reload();
    return created;
  }

  renameNode(node: NodeId, name: string): Promise<boolean> {
    return this.#write(() => api.renameNode(node, name));
  }

  deleteNode(node: NodeId): Promise<boolean> {
    return this.#write(() => api.deleteNode(node).then((w) => alerts.warn(w)));
  }

  /**
   * Moves a row one place up or down among its siblings. Resolves to `false` at the edge
   * (nothing to do) or on failure.
   */
  move(row: Row, direction: Direction): Promise<boolean> {
    const index = moveIndex(row.index, row.siblings, direction);
    if (index === null) return Promise.resolve(false);
    if (row.kind === 'collection') return this.#write(() => api.moveCollection(row.id, index));
    const node: NodeId = { kind: row.kind, id: row.id };
    const parent = row.parent;
    if (!parent) return Promise.resolve(false);
    return this.#write(() => api.moveNode(node, parent, index));
  }

  /** Duplicates a collection, folder or request next to it; resolves to the copy. */
  async duplicate(item: Duplicable): Promise<Duplicable | undefined> {
    const copy = await alerts.attempt(() => api.duplicateItem(item));
    await this.reload();
    return copy;
  }

  /** Moves a row where a drop or Alt+Left/Right put it (`tree-drop.ts`). */
  moveTo(target: MoveTarget): Promise<boolean> {
    if (target.kind === 'collection') {
      return this.#write(() => api.moveCollection(target.id, target.index));
    }
    return this.#write(() => api.moveNode(target.node, target.parent, target.index));
  }

  /**
   * Shows a saved request's name, method and URL in the tree at once, without a reload. The store
   * already has them: this only mirrors what `update_request` returned.
   */
  applyRequest(request: Pick<Request, 'id' | 'name' | 'method' | 'url'>): void {
    const found = findNode(this.collections, { kind: 'request', id: request.id });
    if (found?.node.kind !== 'request') return;
    found.node.name = request.name;
    found.node.method = request.method;
    found.node.url = request.url; // the sidebar filter matches URLs too
    // Raw state: new objects, down to the collections list, tell the sidebar to redraw.
    if (this.tree) this.tree = { ...this.tree, collections: [...this.tree.collections] };
  }

  /** Runs a write, then reloads the tree (also after a failure: the store is the truth). */
  async #write(task: () => Promise<unknown>, reload = true): Promise<boolean> {
    const ok = await alerts.attempt(async () => {
      await task();
      return true;
    });
    if (reload) await this.reload();
    return ok === true;
  }

  async #refreshList(): Promise<void> {
    const list = await alerts.attempt(() => api.listWorkspaces());
    if (list) this.workspaces = list;
  }
}

export const workspace = new WorkspaceState();
