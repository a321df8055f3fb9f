// @vitest-environment happy-dom
import { currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { forEachDiagnostic, forceLinting } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTROSPECTION } from '../../graphql/fixture';
import { NO_SCHEMA, type SchemaEntry } from '../../graphql-status';
import { render, type Rendered } from '../../testing/render';
import GraphqlBody from './GraphqlBody.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const cached: SchemaEntry = {
  loaded: true,
  fetching: null,
  error: null,
  schema: {
    requestId: 1,
    url: 'http://127.0.0.1/graphql',
    fetchedAtMs: Date.now(),
    introspection: INTROSPECTION,
    isKept: true,
  },
};

async function editorOf(target: HTMLElement, testid: string): Promise<EditorView> {
  return vi.waitFor(() => {
    const content = target.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    const view = content && EditorView.findFromDOM(content);
    if (!view) throw new Error(`no editor ${testid}`);
    return view;
  });
}

function show(entry: SchemaEntry, query: string, variables = '') {
  const on = {
    onchange: vi.fn(),
    onsave: vi.fn(),
    onload: vi.fn(),
    onfetch: vi.fn(),
    oncancel: vi.fn(),
  };
  shown = render(GraphqlBody, {
    body: { query, variables, operation_name: null },
    scope: null,
    entry,
    ...on,
  });
  return { target: shown.target, ...on };
}

const status = (target: HTMLElement) =>
  target.querySelector('[data-testid="graphql-schema-status"]')?.textContent?.trim();

describe('GraphqlBody', () => {
  it('asks for the cached schema on opening, and fetches one on demand', () => {
    const { target, onload, onfetch } = show(NO_SCHEMA, '{ }');
    expect(onload).toHaveBeenCalledOnce();
    const browse = target.querySelector<HTMLButtonElement>('[data-testid="graphql-browse-schema"]');
    expect(browse?.disabled).toBe(true);
    target.querySelector<HTMLButtonElement>('[data-testid="graphql-fetch-schema"]')?.click();
    expect(onfetch).toHaveBeenCalledOnce();
  });

  it('says when the schema was cached, or why it was not fetched', () => {
    let { target } = show(cached, '{ }');
    expect(status(target)).toMatch(/^Schema cached at /);
    shown?.destroy();
    ({ target } = show(
      {
        ...NO_SCHEMA,
        loaded: true,
        error: {
          kind: 'graphql',
          message: 'request "R": introspection answered HTTP 401',
          place: null,
        },
      },
      '{ }',
    ));
    expect(status(target)).toBe('Schema not fetched: request "R": introspection answered HTTP 401');
  });

  it('offers completions from the schema in the query editor', async () => {
    const { target } = show(cached, '{ coun }');
    const view = await editorOf(target, 'body-graphql-query');
    view.dispatch({ selection: { anchor: '{ coun'.length } });
    startCompletion(view);
    await vi.waitFor(() =>
      expect(currentCompletions(view.state).map((c) => c.label)).toEqual(
        expect.arrayContaining(['country', 'countries']),
      ),
    );
  });

  it('marks a field the schema does not have', async () => {
    const { target } = show(cached, '{ continents { name nope } }');
    const view = await editorOf(target, 'body-graphql-query');
    await vi.waitFor(() => {
      forceLinting(view);
      const found: string[] = [];
      forEachDiagnostic(view.state, (d) => found.push(d.message));
      expect(found).toEqual([
        'Cannot query field "nope" on type "Continent". Did you mean "code" or "name"?',
      ]);
    });
  });

  it('lists what is wrong with the variables for the operation', () => {
    const { target } = show(
      cached,
      'query($code: ID!, $n: Int) { country(code: $code) { name } }',
      '{"n": "x"}',
    );
    const problems = [
      ...target.querySelectorAll('[data-testid="graphql-variable-problems"] li'),
    ].map((li) => li.textContent);
    expect(problems).toEqual([
      'Missing required variable $code (ID!)',
      '$n: Int cannot represent non-integer value: "x"',
    ]);
  });

  it('says that Send subscribes when the operation is a subscription', () => {
    let { target } = show(cached, 'subscription { countryAdded { name } }');
    const note = target.querySelector('[data-testid="graphql-subscription-note"]');
    expect(note?.textContent).toContain('graphql-transport-ws');
    shown?.destroy();
    ({ target } = show(cached, 'query { continents { name } }'));
    expect(target.querySelector('[data-testid="graphql-subscription-note"]')).toBeNull();
  });

  it('opens the schema browser', () => {
    const { target } = show(cached, '{ }');
    target.querySelector<HTMLButtonElement>('[data-testid="graphql-browse-schema"]')?.click();
    flushSync();
    expect(target.querySelector('[data-testid="schema-browser"]')).not.toBeNull();
  });
});
