/**
 * Completions for the Postman sandbox's API in the script editors: after `pm.` (and each member
 * below it, e.g. `pm.response.to.have.`) and `postman.`, the members the sandbox has, each with
 * its signature and a line on what it does. Only the API is listed; the editor does not guess at
 * the script's own variables.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

/** A member: a function (with its parameters), a property, or a namespace holding more. */
interface Member {
  kind: 'function' | 'property' | 'namespace';
  /** Parameters of a function, e.g. `(name, fn)`. */
  params?: string;
  info: string;
  members?: Members;
}

type Members = Record<string, Member>;

const fn = (params: string, info: string, members?: Members): Member => ({
  kind: 'function',
  params,
  info,
  members,
});
const prop = (info: string): Member => ({ kind: 'property', info });
const ns = (info: string, members: Members): Member => ({ kind: 'namespace', info, members });

function variableScope(what: string): Members {
  return {
    get: fn('(key)', `The value of a ${what} variable`),
    set: fn('(key, value)', `Sets a ${what} variable`),
    unset: fn('(key)', `Removes a ${what} variable`),
    has: fn('(key)', `Whether the ${what} has the variable`),
    clear: fn('()', `Removes every ${what} variable`),
    toObject: fn('()', `The ${what} variables as an object`),
    replaceIn: fn('(text)', `Text with {{variables}} replaced from the ${what}`),
  };
}

const assertions: Members = {
  status: fn('(codeOrReason)', 'Asserts the status code or reason'),
  header: fn('(name, value?)', 'Asserts a response header'),
  body: fn('(text?)', 'Asserts the body'),
  jsonBody: fn('(path?, value?)', 'Asserts the JSON body'),
  jsonSchema: fn('(schema)', 'Asserts the body against a JSON schema'),
  responseTime: fn('(ms)', 'Asserts the response time'),
};

const headerList: Members = {
  get: fn('(name)', 'A header value'),
  has: fn('(name)', 'Whether the header is there'),
  toObject: fn('()', 'The headers as an object'),
  each: fn('(callback)', 'Calls back with each header'),
  all: fn('()', 'Every header'),
};

const requestMembers: Members = {
  url: ns('The request URL', {
    toString: fn('()', 'The URL as text'),
    getHost: fn('()', 'The host'),
    getPath: fn('()', 'The path'),
    getQueryString: fn('()', 'The query string'),
    query: ns('Query parameters', headerList),
  }),
  method: prop('The HTTP method'),
  headers: ns('The request headers', {
    ...headerList,
    add: fn('({key, value})', 'Adds a header'),
    upsert: fn('({key, value})', 'Adds or replaces a header'),
    remove: fn('(name)', 'Removes a header'),
  }),
  body: prop('The request body'),
  auth: prop('The request auth'),
  addHeader: fn('({key, value})', 'Adds a header'),
  removeHeader: fn('(name)', 'Removes a header'),
  upsertHeader: fn('({key, value})', 'Adds or replaces a header'),
};

const pm: Members = {
  test: fn('(name, fn)', 'Defines a test; it fails if fn throws', {
    skip: fn('(name, fn)', 'Defines a skipped test'),
  }),
  expect: fn('(value)', 'A chai expectation on value'),
  info: ns('About this run', {
    eventName: prop('"prerequest" or "test"'),
    iteration: prop('The iteration, from 0'),
    iterationCount: prop('The number of iterations'),
    requestName: prop('The request name'),
    requestId: prop('The request id'),
  }),
  request: ns('The request (a pre-request script may change it)', requestMembers),
  response: ns('The response (in test scripts)', {
    code: prop('The status code'),
    status: prop('The reason phrase'),
    headers: ns('The response headers', headerList),
    cookies: ns('The cookies the response set', headerList),
    responseTime: prop('Time taken, in milliseconds'),
    responseSize: prop('Size, in bytes'),
    json: fn('()', 'The body parsed as JSON'),
    text: fn('()', 'The body as text'),
    to: ns('Response assertions', {
      have: ns('Asserts the response has…', assertions),
      not: ns('Negates the assertion', { have: ns('Asserts the response lacks…', assertions) }),
      be: ns('Asserts the response class', {
        ok: prop('2xx'),
        success: prop('2xx'),
        accepted: prop('202'),
        badRequest: prop('400'),
        unauthorized: prop('401'),
        forbidden: prop('403'),
        notFound: prop('404'),
        rateLimited: prop('429'),
        clientError: prop('4xx'),
        serverError: prop('5xx'),
        error: prop('4xx or 5xx'),
        info: prop('1xx'),
        redirection: prop('3xx'),
        json: prop('A JSON body'),
        withBody: prop('A body'),
      }),
    }),
  }),
  environment: ns('The active environment', {
    ...variableScope('environment'),
    name: prop('The environment name'),
  }),
  globals: ns('The workspace globals', variableScope('global')),
  collectionVariables: ns('The collection variables', variableScope('collection')),
  variables: ns('Variables of every scope; set() makes a local one', variableScope('local')),
  iterationData: ns('The data row of this iteration', variableScope('data')),
  sendRequest: fn('(request, callback)', 'Sends another request; callback(err, response)'),
  cookies: ns('Cookies for the request URL', {
    get: fn('(name)', 'A cookie value'),
    has: fn('(name)', 'Whether the cookie is there'),
    toObject: fn('()', 'The cookies as an object'),
    jar: fn('()', 'The cookie jar (not supported: its calls fail)'),
  }),
  execution: ns('Control of the run', {
    setNextRequest: fn('(nameOrId)', 'The request the runner goes to next (null stops)'),
    skipRequest: fn('()', 'Skips sending this request (pre-request scripts)'),
    location: prop('Where the script is'),
  }),
  visualizer: ns('What the Visualize tab shows', {
    set: fn('(template, data, options?)', 'A Handlebars template and its data'),
    clear: fn('()', 'Removes the visualization'),
  }),
  require: fn('(name)', 'A bundled library: lodash, chai, moment, cheerio, crypto-js…'),
};

const postman: Members = {
  setNextRequest: fn('(name)', 'The request the runner goes to next'),
  setEnvironmentVariable: fn('(key, value)', 'Sets an environment variable'),
  getEnvironmentVariable: fn('(key)', 'An environment variable'),
  clearEnvironmentVariable: fn('(key)', 'Removes an environment variable'),
  setGlobalVariable: fn('(key, value)', 'Sets a global variable'),
  getGlobalVariable: fn('(key)', 'A global variable'),
  clearGlobalVariable: fn('(key)', 'Removes a global variable'),
  getResponseHeader: fn('(name)', 'A response header'),
  getResponseCookie: fn('(name)', 'A response cookie'),
};

const ROOTS: Members = {
  pm: ns('The Postman sandbox API', pm),
  postman: ns('The legacy Postman API', postman),
};

function toCompletion(label: string, member: Member): Completion {
  return {
    label,
    type: member.kind === 'namespace' ? 'namespace' : member.kind,
    detail: member.params,
    info: member.info,
  };
}

/** The members under a dotted path (`pm.response.to`), or `null` when it names none. */
export function membersAt(path: string[]): Members | null {
  let members: Members | undefined = ROOTS;
  for (const name of path) {
    members = members?.[name]?.members;
    if (!members) return null;
  }
  return members;
}

/** CodeMirror completion source: the members after `pm.`, `postman.` and their paths. */
export function pmCompletions(context: CompletionContext): CompletionResult | null {
  const chain = context.matchBefore(/[\w$]+(?:\(\))?(?:\.[\w$]+(?:\(\))?)*\.?[\w$]*$/) ?? {
    text: '',
    to: context.pos,
  };
  const parts = chain.text.replace(/\(\)/g, '').split('.');
  const word = parts.pop() ?? '';
  const members = membersAt(parts);
  if (!members) return null;
  // A lone word completes only when it could be `pm` or `postman`, or when asked for.
  if (parts.length === 0 && !context.explicit && !/^p/.test(word)) return null;
  return {
    from: chain.to - word.length,
    options: Object.entries(members).map(([label, m]) => toCompletion(label, m)),
    validFor: /^[\w$]*$/,
  };
}
