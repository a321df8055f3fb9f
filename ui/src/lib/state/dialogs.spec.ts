import { describe, expect, it } from 'vitest';
import { Dialogs } from './dialogs.svelte';

describe('Dialogs', () => {
  it('resolves a prompt with the trimmed text', async () => {
    const dialogs = new Dialogs();
    const answer = dialogs.ask({ title: 'New collection', label: 'Name' });
    expect(dialogs.pending?.type).toBe('prompt');
    dialogs.answer('  Users  ');
    await expect(answer).resolves.toBe('Users');
    expect(dialogs.pending).toBeNull();
  });

  it('resolves a prompt with null when cancelled or blank', async () => {
    const dialogs = new Dialogs();
    const cancelled = dialogs.ask({ title: 't', label: 'l' });
    dialogs.cancel();
    await expect(cancelled).resolves.toBeNull();
    const blank = dialogs.ask({ title: 't', label: 'l' });
    dialogs.answer('   ');
    await expect(blank).resolves.toBeNull();
  });

  it("resolves a new request's name with the protocol chosen, HTTP by default (issue 14)", async () => {
    const dialogs = new Dialogs();
    const socket = dialogs.askRequest({ title: 'New request', label: 'Request name' });
    expect(dialogs.pending?.type).toBe('request');
    dialogs.answer(' Chat ', 'websocket');
    await expect(socket).resolves.toEqual({ name: 'Chat', protocol: 'websocket' });
    const plain = dialogs.askRequest({ title: 'New request', label: 'Request name' });
    dialogs.answer('List');
    await expect(plain).resolves.toEqual({ name: 'List', protocol: 'http' });
    const cancelled = dialogs.askRequest({ title: 'New request', label: 'Request name' });
    dialogs.cancel();
    await expect(cancelled).resolves.toBeNull();
  });

  it('resolves a confirmation with true only when confirmed', async () => {
    const dialogs = new Dialogs();
    const yes = dialogs.confirm({ title: 'Delete?', message: 'sure?' });
    expect(dialogs.pending?.type).toBe('confirm');
    dialogs.answer();
    await expect(yes).resolves.toBe(true);
    const no = dialogs.confirm({ title: 'Delete?', message: 'sure?' });
    dialogs.cancel();
    await expect(no).resolves.toBe(false);
  });

  it('cancels the open dialog when another is asked for', async () => {
    const dialogs = new Dialogs();
    const first = dialogs.confirm({ title: 'Delete?', message: 'sure?' });
    const second = dialogs.ask({ title: 'Rename', label: 'Name', initial: 'a' });
    await expect(first).resolves.toBe(false);
    expect(dialogs.pending?.type).toBe('prompt');
    dialogs.answer('b');
    await expect(second).resolves.toBe('b');
  });

  it('ignores answers when nothing is open', () => {
    const dialogs = new Dialogs();
    expect(() => {
      dialogs.answer('x');
      dialogs.cancel();
    }).not.toThrow();
    expect(dialogs.pending).toBeNull();
  });
});
