import { describe, expect, it } from 'vitest';
import { pathVariableNames, syncPathVariables } from './path-variables';

describe('pathVariableNames', () => {
  it('reads :name segments of the path only', () => {
    expect(pathVariableNames('http://u:p@h:8080/users/:id/posts/:post?x=:no#:frag')).toEqual([
      'id',
      'post',
    ]);
    expect(pathVariableNames('{{base}}/a/:id/:id')).toEqual(['id']);
    expect(pathVariableNames('h:80')).toEqual([]);
  });
});

describe('syncPathVariables', () => {
  it('adds, keeps by name and drops rows as the URL changes', () => {
    const rows = [
      { key: 'id', value: '7', enabled: true, description: 'user' },
      { key: 'gone', value: 'x', enabled: true, description: '' },
    ];
    expect(syncPathVariables('http://h/:org/:id', rows)).toEqual([
      { key: 'org', value: '', enabled: true, description: '' },
      { key: 'id', value: '7', enabled: true, description: 'user' },
    ]);
  });
});
