import { describe, expect, it } from 'vitest';
import type { Body } from './bindings/Body';
import {
  BLANK_PART,
  emptyBody,
  isEditableMode,
  partText,
  switchMode,
  withPartKind,
  withPartText,
  type BodyMode,
} from './body';

describe('switchMode', () => {
  it('starts an empty body of the new mode, and gives the old one back on return', () => {
    const remembered = new Map<BodyMode, Body>();
    const raw: Body = { mode: 'raw', text: '{"a":1}', language: 'json' };
    const form = switchMode(raw, 'urlencoded', remembered);
    expect(form).toEqual({ mode: 'urlencoded', fields: [] });
    expect(switchMode(form, 'raw', remembered)).toBe(raw);
  });

  it('keeps the body when the mode does not change', () => {
    const raw: Body = { mode: 'raw', text: 'x', language: 'text' };
    expect(switchMode(raw, 'raw', new Map())).toBe(raw);
  });
});

describe('emptyBody', () => {
  it('matches the shape the store writes for each mode', () => {
    expect(emptyBody('graphql')).toEqual({
      mode: 'graphql',
      query: '',
      variables: '',
      operation_name: null,
    });
    expect(emptyBody('raw')).toEqual({ mode: 'raw', text: '', language: 'json' });
    expect(isEditableMode('multipart')).toBe(true);
    expect(isEditableMode('graphql')).toBe(true);
  });
});

describe('multipart parts', () => {
  it('edit text and file parts as one line, paths split on ;', () => {
    const text = withPartText(BLANK_PART, 'hello');
    expect(text.value).toEqual({ type: 'text', value: 'hello' });
    const file = withPartKind(withPartText(BLANK_PART, '/tmp/a.txt'), 'file');
    expect(file.value).toEqual({ type: 'file', paths: ['/tmp/a.txt'] });
    const two = withPartText(file, '/tmp/a.txt; /tmp/b.txt ;');
    expect(two.value).toEqual({ type: 'file', paths: ['/tmp/a.txt', '/tmp/b.txt'] });
    expect(partText(two)).toBe('/tmp/a.txt; /tmp/b.txt');
    expect(withPartKind(two, 'text').value).toEqual({
      type: 'text',
      value: '/tmp/a.txt; /tmp/b.txt',
    });
  });
});
