/**
 * What the tabs do to the rest of the window: opening a tab shows its request in the editor
 * (the request left keeps its unsaved edits as a draft in the store), closing one that holds
 * unsaved changes asks Save / Discard / Cancel, Ctrl+Shift+T reopens the last closed, and a
 * workspace's tabs come back when it is shown (also after a restart).
 */
import * as api from '../api';
import type { Request } from '../bindings/Request';
import type { RequestId } from '../bindings/RequestId';
import type { TabTarget } from '../bindings/TabTarget';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { containsRequest, findNode, requestBadge } from '../tree';
import { alerts } from './alerts.svelte';
import { closePanel } from './environment-flows';
import { editor } from './editor.svelte';
import { runner } from './runner.svelte';
import { settingsTab } from './settings-dialog.svelte';
import { tabs, targetKey, type TabView } from './tabs.svelte';
import { workspace } from './workspace.svelte';

/** Whether `target` is still in the current workspace's tree. */
function exists(target: TabTarget): boolean {
  if (target.kind === 'collection') return workspace.collections.some((c) => c.id === target.id);
  return findNode(workspace.collections, target) !== null;
}

/**
 * Keeps the open request's unsaved edits as its draft before another tab replaces it, and
 * notes on its tab whether it holds one. Resolves to `false` when the store refused the draft
 * (the error shows in the editor, and the request stays open).
 */
export async function leaveActive(): Promise<boolean> {
  const active = tabs.activeTarget;
  if (active && active.kind !== 'request') return settingsLeft();
  const stored = editor.stored;
  if (!stored) return true;
  if (!(await editor.flush())) return false;
  const draft = editor.draft;
  tabs.setHead(
    stored.id,
    editor.isDirty && draft ? { name: draft.name, method: draft.method } : null,
  );
  return true;
}

/** Whether the editor or the settings view shows `target` now. */
function isShown(target: TabTarget): boolean {
  if (target.kind === 'request') return editor.stored?.id === target.id;
  const subject = settingsTab.subject;
  return subject?.kind === target.kind && subject.item.id === target.id;
}

/** Shows what the active tab holds (nothing when no tab is open); `loaded` is its request
 * when the caller has it as stored with no draft (one just created). */
async function showActive(loaded?: Request): Promise<void> {
  const target = tabs.activeTarget;
  if (target?.kind !== 'folder' && target?.kind !== 'collection' && settingsTab.subject) {
    settingsTab.close();
  }
  if (target?.kind === 'request') {
    runner.close();
    closePanel();
    if (loaded?.id === target.id) {
      editor.show(loaded);
    } else if (!(await editor.open(target.id))) {
      return;
    }
    tabs.setHead(target.id, null);
  } else if (target) {
    runner.close();
    closePanel();
    editor.close();
    await settingsTab.open(target);
  } else {
    editor.close();
  }
}

/**
 * Leaving a folder's or collection's tab: unsaved settings are not kept as a draft, so ask
 * Save / Discard / Cancel. Resolves to `false` on Cancel or a failed save.
 */
async function settingsLeft(): Promise<boolean> {
  if (!settingsTab.isDirty) return true;
  const choice = await tabs.askClose(settingsTab.subject?.item.name ?? '');
  if (choice === 'cancel') return false;
  if (choice === 'save') return settingsTab.save();
  settingsTab.discard();
  return true;
}

/** Opens request `id` in a tab (the one it has, or a new one after the active tab);
 * `created` is the request when it was just created. */
export async function openRequestTab(id: RequestId, created?: Request): Promise<void> {
  await openTab({ kind: 'request', id }, created);
}

export async function openTab(target: TabTarget, loaded?: Request): Promise<void> {
  const active = tabs.activeTarget;
  if (active && active.kind === target.kind && active.id === target.id && isShown(active)) {
    runner.close();
    closePanel();
    return;
  }
  if (!(await leaveActive())) return;
  tabs.add(target);
  await showActive(loaded);
}

export async function activateTab(index: number): Promise<void> {
  const target = tabs.list[index];
  if (index === tabs.active && target && isShown(target)) {
    // The Runner or an environment panel may hide it: show it again.
    runner.close();
    closePanel();
    return;
  }
  if (!(await leaveActive())) return;
  tabs.activate(index);
  await showActive();
}

/** Ctrl+Tab (`step` 1) and Ctrl+Shift+Tab (`step` -1): the next or previous tab, wrapping. */
export async function cycleTab(step: number): Promise<void> {
  const index = tabs.cycled(step);
  if (index !== null && index !== tabs.active) await activateTab(index);
}

/**
 * Closes tab `index`. A request with unsaved changes asks first: Save writes them into the
 * request, Discard drops them, Cancel keeps the tab. Resolves to whether it closed.
 */
export async function closeTab(index: number): Promise<boolean> {
  const target = tabs.list[index];
  if (!target) return false;
  const isActive = index === tabs.active;
  if (target.kind !== 'request') {
    if (isActive && !(await settingsLeft())) return false;
  } else {
    const dirty = isActive ? editor.isDirty : tabs.head(target.id) !== undefined;
    if (dirty) {
      const name = isActive ? (editor.draft?.name ?? '') : (tabs.head(target.id)?.name ?? '');
      const choice = await tabs.askClose(name);
      if (choice === 'cancel') return false;
      const done =
        choice === 'save'
          ? await (isActive ? editor.save() : saveDraftOf(target.id))
          : await (isActive ? editor.discard() : discardDraftOf(target.id));
      if (!done) return false;
    } else if (isActive && !(await editor.flush())) {
      return false;
    }
  }
  // The list may have changed while the prompt was open.
  const now = tabs.indexOf(target);
  if (now < 0) return true;
  tabs.remove(now);
  if (isActive) await showActive();
  return true;
}

/** Closes the active tab (Ctrl+W). */
export async function closeActiveTab(): Promise<void> {
  if (tabs.active !== null) await closeTab(tabs.active);
}

/** Reopens the tab closed last that still exists (Ctrl+Shift+T). */
export async function reopenClosedTab(): Promise<void> {
  for (let target = tabs.popClosed(); target; target = tabs.popClosed()) {
    if (exists(target)) {
      await openTab(target);
      return;
    }
  }
}

async function saveDraftOf(id: RequestId): Promise<boolean> {
  const saved = await alerts.attempt(async () => {
    const draft = await api.getDraft(id);
    return draft ? await api.saveRequest(draft) : true;
  });
  if (!saved) return false;
  if (saved !== true) workspace.applyRequest(saved);
  tabs.setHead(id, null);
  return true;
}

async function discardDraftOf(id: RequestId): Promise<boolean> {
  const done = await alerts.attempt(() => api.discardDraft(id));
  if (done === undefined) return false;
  tabs.setHead(id, null);
  return true;
}

/** Shows the tabs of `workspace` as they were left, the active one open. */
export async function loadTabs(id: WorkspaceId): Promise<void> {
  if (!(await tabs.load(id))) return;
  tabs.prune(exists);
  await showActive();
}

/** Drops the tabs of requests that are gone (after a delete); shows another if the active went. */
export async function pruneTabs(): Promise<void> {
  if (
    tabs.prune(exists) ||
    (editor.stored && !containsRequest(workspace.collections, editor.stored.id))
  )
    await showActive();
}

/** What each tab shows: the active request as edited, the others as their draft or saved. */
export function tabViews(): TabView[] {
  return tabs.list.map((target, index) => {
    const key = targetKey(target);
    if (target.kind !== 'request') {
      const isDirty =
        index === tabs.active &&
        settingsTab.subject?.kind === target.kind &&
        settingsTab.subject.item.id === target.id &&
        settingsTab.isDirty;
      const name =
        target.kind === 'collection'
          ? workspace.collections.find((c) => c.id === target.id)?.name
          : findNode(workspace.collections, target)?.node.name;
      return { key, name: name ?? '', method: null, isDirty };
    }
    if (index === tabs.active && editor.stored?.id === target.id && editor.draft) {
      const { name, method } = editor.draft;
      const shown = requestBadge(editor.stored.protocol, method);
      return { key, name, method: shown, isDirty: editor.isDirty };
    }
    const found = findNode(workspace.collections, target);
    const node = found?.node;
    // A WebSocket, gRPC or Socket.IO request is badged as in the sidebar.
    const protocol = node?.kind === 'request' ? node.protocol : undefined;
    const head = tabs.head(target.id);
    if (head)
      return {
        key,
        name: head.name,
        method: requestBadge(protocol, head.method),
        isDirty: true,
      };
    return {
      key,
      name: node?.name ?? '',
      method: requestBadge(protocol, node?.kind === 'request' ? node.method : 'GET'),
      isDirty: false,
    };
  });
}
