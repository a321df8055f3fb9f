import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { membersAt, pmCompletions } from './pm-completions';

/** The completions at the end of `text`, as the editor would ask for them. */
function complete(text: string, explicit = false) {
  const context = new CompletionContext(EditorState.create({ doc: text }), text.length, explicit);
  const result = pmCompletions(context);
  return result && { from: result.from, labels: result.options.map((o) => o.label) };
}

describe('pmCompletions', () => {
  it('lists the pm API after pm.', () => {
    const result = complete('pm.');
    expect(result?.from).toBe(3);
    expect(result?.labels).toEqual(
      expect.arrayContaining([
        'test',
        'expect',
        'response',
        'request',
        'environment',
        'globals',
        'collectionVariables',
        'variables',
        'iterationData',
        'sendRequest',
        'info',
        'cookies',
        'execution',
        'visualizer',
      ]),
    );
  });

  it('follows a member path, also through a call', () => {
    expect(complete('pm.response.to.have.st')).toEqual({
      from: 'pm.response.to.have.'.length,
      labels: ['status', 'header', 'body', 'jsonBody', 'jsonSchema', 'responseTime'],
    });
    expect(complete('  if (pm.response.')?.labels).toEqual(
      expect.arrayContaining(['code', 'status', 'headers', 'json', 'text', 'responseTime', 'to']),
    );
    expect(complete('pm.environment.')?.labels).toEqual(
      expect.arrayContaining([
        'get',
        'set',
        'unset',
        'has',
        'clear',
        'toObject',
        'replaceIn',
        'name',
      ]),
    );
    expect(complete('pm.execution.')?.labels).toEqual([
      'setNextRequest',
      'skipRequest',
      'location',
    ]);
    expect(complete('pm.visualizer.')?.labels).toEqual(['set', 'clear']);
    expect(complete('postman.')?.labels).toContain('setNextRequest');
  });

  it('offers nothing for paths outside the API or other objects', () => {
    expect(complete('pm.response.json().')).toBeNull();
    expect(complete('foo.pm.')).toBeNull();
    expect(complete('pm.nothing.')).toBeNull();
    expect(complete('const x')).toBeNull();
  });

  it('offers pm and postman for a word starting with p, or when asked', () => {
    expect(complete('p')?.labels).toEqual(['pm', 'postman']);
    expect(complete('', true)?.labels).toEqual(['pm', 'postman']);
  });

  it('names signatures and what each member does', () => {
    const test = membersAt(['pm'])?.test;
    expect(test).toMatchObject({ kind: 'function', params: '(name, fn)' });
    expect(membersAt(['pm', 'test'])).toHaveProperty('skip');
  });
});
