/**
 * The desktop IPC: one typed function per Tauri command in `docs/ipc.md`.
 *
 * This is the only module that calls `invoke`. Command and argument names match the contract
 * verbatim (Tauri turns a Rust `workspace_id` into a JS `workspaceId`). A failed command rejects
 * with a `UiError` value; `toUiError` in `./ui-error.ts` normalises whatever arrives.
 */
import { invoke } from '@tauri-apps/api/core';
import type { Auth } from './bindings/Auth';
import type { Collection } from './bindings/Collection';
import type { Exchange } from './bindings/Exchange';
import type { CollectionId } from './bindings/CollectionId';
import type { Environment } from './bindings/Environment';
import type { EnvironmentId } from './bindings/EnvironmentId';
import type { Folder } from './bindings/Folder';
import type { InheritedAuth } from './bindings/InheritedAuth';
import type { KeychainStatus } from './bindings/KeychainStatus';
import type { NewFolder } from './bindings/NewFolder';
import type { NewRequest } from './bindings/NewRequest';
import type { NodeId } from './bindings/NodeId';
import type { Parent } from './bindings/Parent';
import type { Request } from './bindings/Request';
import type { RequestSettings } from './bindings/RequestSettings';
import type { RequestId } from './bindings/RequestId';
import type { SendId } from './bindings/SendId';
import type { StoredToken } from './bindings/StoredToken';
import type { Variable } from './bindings/Variable';
import type { VariableScope } from './bindings/VariableScope';
import type { VariablesInScope } from './bindings/VariablesInScope';
import type { VaultEntry } from './bindings/VaultEntry';
import type { Workspace } from './bindings/Workspace';
import type { WorkspaceId } from './bindings/WorkspaceId';
import type { WorkspaceTree } from './bindings/WorkspaceTree';

/** The first workspace; the store creates "My Workspace" when it has none. */
export function ensureWorkspace(): Promise<Workspace> {
  return invoke('ensure_workspace');
}

export function listWorkspaces(): Promise<Workspace[]> {
  return invoke('list_workspaces');
}

export function createWorkspace(name: string): Promise<Workspace> {
  return invoke('create_workspace', { name });
}

export function renameWorkspace(id: WorkspaceId, name: string): Promise<Workspace> {
  return invoke('rename_workspace', { id, name });
}

export function deleteWorkspace(id: WorkspaceId): Promise<null> {
  return invoke('delete_workspace', { id });
}

/** Puts the workspace at `index` (its final place, from 0) among all workspaces. */
export function moveWorkspace(id: WorkspaceId, index: number): Promise<null> {
  return invoke('move_workspace', { id, index });
}

/** The workspace with its collections' trees and environments, for the sidebar. */
export function workspaceTree(id: WorkspaceId): Promise<WorkspaceTree> {
  return invoke('workspace_tree', { id });
}

export function createCollection(workspaceId: WorkspaceId, name: string): Promise<Collection> {
  return invoke('create_collection', { workspaceId, name });
}

export function renameCollection(id: CollectionId, name: string): Promise<Collection> {
  return invoke('rename_collection', { id, name });
}

export function deleteCollection(id: CollectionId): Promise<null> {
  return invoke('delete_collection', { id });
}

/** Puts the collection at `index` (its final place, from 0) among its workspace's collections. */
export function moveCollection(id: CollectionId, index: number): Promise<null> {
  return invoke('move_collection', { id, index });
}

export function createFolder(folder: NewFolder): Promise<Folder> {
  return invoke('create_folder', { new: folder });
}

export function createRequest(request: NewRequest): Promise<Request> {
  return invoke('create_request', { new: request });
}

export function getRequest(id: RequestId): Promise<Request> {
  return invoke('get_request', { id });
}

/** Stores the whole request and returns it as stored. */
export function updateRequest(request: Request): Promise<Request> {
  return invoke('update_request', { request });
}

export function renameNode(node: NodeId, name: string): Promise<null> {
  return invoke('rename_node', { node, name });
}

/** Deletes a folder (with everything in it) or a request. */
export function deleteNode(node: NodeId): Promise<null> {
  return invoke('delete_node', { node });
}

/** Puts the node under `parent` at `index` (its final place among the new siblings, from 0). */
export function moveNode(node: NodeId, parent: Parent, index: number): Promise<null> {
  return invoke('move_node', { node, parent, index });
}

/**
 * Sends the stored request (save it first) with the active environment; resolves with the
 * exchange once the whole response has arrived, whatever its status. `sendId` is minted by the
 * caller so that `cancelRequest` can reach the send while it runs.
 */
export function sendRequest(requestId: RequestId, sendId: SendId): Promise<Exchange> {
  return invoke('send_request', { requestId, sendId });
}

/**
 * Obtains an OAuth 2.0 token with the request's auth in force (authorization code grants open
 * the system browser and wait up to 5 minutes on a loopback redirect), or refreshes it, and
 * stores it in the OS keychain. Resolves to the vault secrets' names, never a token.
 * `cancelRequest(sendId)` stops the wait.
 */
export function getOauth2Token(
  requestId: RequestId,
  sendId: SendId,
  refresh: boolean,
): Promise<StoredToken> {
  return invoke('get_oauth2_token', { requestId, sendId, refresh });
}

/** Cancels a send under way; resolves to whether it was still running. */
export function cancelRequest(sendId: SendId): Promise<boolean> {
  return invoke('cancel_request', { sendId });
}

export function listEnvironments(workspaceId: WorkspaceId): Promise<Environment[]> {
  return invoke('list_environments', { workspaceId });
}

/** One environment; its secret variables' values are empty (they live in the keychain). */
export function getEnvironment(id: EnvironmentId): Promise<Environment> {
  return invoke('get_environment', { id });
}

export function createEnvironment(workspaceId: WorkspaceId, name: string): Promise<Environment> {
  return invoke('create_environment', { workspaceId, name });
}

export function renameEnvironment(id: EnvironmentId, name: string): Promise<Environment> {
  return invoke('rename_environment', { id, name });
}

/** Copies an environment (secrets included, in new keychain entries) under `name`. */
export function duplicateEnvironment(id: EnvironmentId, name: string): Promise<Environment> {
  return invoke('duplicate_environment', { id, name });
}

export function deleteEnvironment(id: EnvironmentId): Promise<null> {
  return invoke('delete_environment', { id });
}

/** Makes `id` the workspace's active environment, or none with `null`. */
export function setActiveEnvironment(
  workspaceId: WorkspaceId,
  id: EnvironmentId | null,
): Promise<Workspace> {
  return invoke('set_active_environment', { workspaceId, id });
}

/**
 * Saves an environment's variables as edited. A secret's `value` is a newly typed value, or
 * empty to keep the stored one (its `secretRef` says which); the result has secrets emptied.
 */
export function saveEnvironmentVariables(
  id: EnvironmentId,
  variables: Variable[],
): Promise<Environment> {
  return invoke('save_environment_variables', { id, variables });
}

export function getGlobals(workspaceId: WorkspaceId): Promise<Variable[]> {
  return invoke('get_globals', { workspaceId });
}

/** Saves a workspace's globals as edited, as `saveEnvironmentVariables` does. */
export function saveGlobals(workspaceId: WorkspaceId, variables: Variable[]): Promise<Variable[]> {
  return invoke('save_globals', { workspaceId, variables });
}

/** The stored value of one secret variable, from the OS keychain. */
export function revealVariable(scope: VariableScope, key: string): Promise<string> {
  return invoke('reveal_variable', { scope, key });
}

/** The variables the request can reference, their winning scope, vault and dynamic names;
 * never a secret's value. */
export function variablesInScope(requestId: RequestId): Promise<VariablesInScope> {
  return invoke('variables_in_scope', { requestId });
}

/** What the request inherits when its auth says inherit, and from which folder or collection. */
export function inheritedAuth(requestId: RequestId): Promise<InheritedAuth> {
  return invoke('inherited_auth', { requestId });
}

/** One collection with its auth, settings and variables (secret values empty). */
export function getCollection(id: CollectionId): Promise<Collection> {
  return invoke('get_collection', { id });
}

/** Replaces a collection's auth and default request settings. */
export function saveCollectionSettings(
  id: CollectionId,
  auth: Auth,
  settings: RequestSettings,
): Promise<Collection> {
  return invoke('save_collection_settings', { id, auth, settings });
}

/** Saves a collection's variables as edited, as `saveEnvironmentVariables` does. */
export function saveCollectionVariables(
  id: CollectionId,
  variables: Variable[],
): Promise<Collection> {
  return invoke('save_collection_variables', { id, variables });
}

/** Which keychain holds secrets: the OS one, an unlocked vault file, or none. */
export function keychainStatus(): Promise<KeychainStatus> {
  return invoke('keychain_status');
}

/** Unlocks (or creates) the passphrase-sealed vault file; secrets go there from then on. */
export function unlockVaultFile(passphrase: string): Promise<KeychainStatus> {
  return invoke('unlock_vault_file', { passphrase });
}

/** Vault secrets' names and domain limits; never values. */
export function listVaultSecrets(): Promise<VaultEntry[]> {
  return invoke('list_vault_secrets');
}

/** Creates or replaces a vault secret; the value goes to the keychain. */
export function setVaultSecret(name: string, value: string, domains: string[]): Promise<null> {
  return invoke('set_vault_secret', { name, value, domains });
}

export function setVaultDomains(name: string, domains: string[]): Promise<VaultEntry> {
  return invoke('set_vault_domains', { name, domains });
}

/** One vault secret's value, for the manager's reveal. */
export function revealVaultSecret(name: string): Promise<string> {
  return invoke('reveal_vault_secret', { name });
}

export function deleteVaultSecret(name: string): Promise<null> {
  return invoke('delete_vault_secret', { name });
}
