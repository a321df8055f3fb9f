/**
 * Small, typed test data shared by the specs: a workspace tree, a stored request and an exchange.
 */
import type { CollectionTree } from '../bindings/CollectionTree';
import type { Exchange } from '../bindings/Exchange';
import type { Request } from '../bindings/Request';
import type { Workspace } from '../bindings/Workspace';
import type { WorkspaceTree } from '../bindings/WorkspaceTree';

export function workspaceOf(id: number, name: string): Workspace {
  return {
    id,
    name,
    position: id,
    activeEnvironmentId: null,
    globals: [],
    classification: 'internal',
  };
}

/**
 * Two collections:
 * - Users (1): folder Admin (10) holding Audit (11, empty folder) and request List admins (12);
 *   then requests Get user (13) and Create user (14).
 * - Empty (2).
 */
export function collections(): CollectionTree[] {
  return [
    {
      id: 1,
      name: 'Users',
      children: [
        {
          kind: 'folder',
          id: 10,
          name: 'Admin',
          children: [
            { kind: 'folder', id: 11, name: 'Audit', children: [] },
            {
              kind: 'request',
              id: 12,
              name: 'List admins',
              method: 'GET',
              url: '{{base}}/admins',
            },
          ],
        },
        { kind: 'request', id: 13, name: 'Get user', method: 'GET', url: '{{base}}/users/1' },
        { kind: 'request', id: 14, name: 'Create user', method: 'POST', url: '{{base}}/users' },
      ],
    },
    { id: 2, name: 'Empty', children: [] },
  ];
}

export function treeOf(workspace: Workspace, trees = collections()): WorkspaceTree {
  return { workspace, collections: trees, environments: [] };
}

export function requestOf(id: number, name: string, method = 'GET', url = ''): Request {
  return {
    id,
    collectionId: 1,
    folderId: null,
    name,
    position: 0,
    method,
    url,
    params: [],
    pathVariables: [],
    headers: [],
    body: { mode: 'none' },
    auth: { mode: 'inherit', params: [] },
    scripts: { preRequest: '', test: '' },
    settings: {
      followRedirects: null,
      maxRedirects: null,
      followOriginalMethod: null,
      followAuthorizationHeader: null,
      timeoutMs: null,
      scriptTimeoutMs: null,
      verifyTls: null,
      useCookies: null,
      httpVersion: null,
    },
    description: '',
    examples: [],
    variables: [],
    extra: {},
  };
}

/** A GET to `url` answered `status` with a text body, over plain HTTP (no TLS, no redirect). */
export function exchangeOf(status = 200, body = 'ok', url = 'http://127.0.0.1:1/'): Exchange {
  const payload = {
    content: { encoding: 'text' as const, text: body },
    size: body.length,
    isTruncated: false,
    file: null,
  };
  return {
    request: {
      method: 'GET',
      url,
      headers: [],
      body: { ...payload, content: { encoding: 'text', text: '' }, size: 0 },
      unresolved: [],
    },
    response: {
      status,
      reason: status === 200 ? 'OK' : 'Status',
      version: 'HTTP/1.1',
      url,
      remoteAddress: '127.0.0.1:1',
      headers: [],
      cookies: [],
      body: payload,
      rawSize: body.length,
      timings: {
        dnsMs: null,
        connectMs: 0.5,
        tlsMs: null,
        sendMs: 0,
        waitMs: 2,
        downloadMs: 0.5,
        redirectMs: null,
        firstByteMs: 2.5,
        totalMs: 3,
        isConnectionReused: false,
      },
      certificate: null,
    },
  };
}
