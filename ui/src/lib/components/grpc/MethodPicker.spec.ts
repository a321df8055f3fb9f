// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GrpcMethod } from '../../bindings/GrpcMethod';
import { render, type Rendered } from '../../testing/render';
import MethodPicker from './MethodPicker.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const methods: GrpcMethod[] = [
  { name: 'test.echo.Echo/Unary', input: 'a.In', output: 'a.Out', shape: 'unary' },
  { name: 'test.echo.Echo/Chat', input: 'a.In', output: 'a.Out', shape: 'bidirectional' },
  { name: 'shop.Cart/Add', input: 'a.In', output: 'a.Out', shape: 'clientStreaming' },
];

function picker(value: string) {
  const onpick = vi.fn();
  shown = render(MethodPicker, { value, methods, onpick });
  const select = shown.target.querySelector<HTMLSelectElement>('[data-testid="grpc-method"]')!;
  const filter = shown.target.querySelector<HTMLInputElement>(
    '[data-testid="grpc-method-filter"]',
  )!;
  return { select, filter, onpick };
}

describe('MethodPicker', () => {
  it('lists the methods by service with their shapes and reports the one picked', () => {
    const { select, onpick } = picker('test.echo.Echo/Unary');
    const groups = [...select.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['test.echo.Echo', 'shop.Cart']);
    expect(select.textContent).toContain('Chat (bidirectional)');
    expect(select.textContent).toContain('Add (client streaming)');
    select.value = 'test.echo.Echo/Chat';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onpick).toHaveBeenCalledWith('test.echo.Echo/Chat');
  });

  it('narrows the list to the filter and keeps a method it does not list', () => {
    const { select, filter } = picker('old.Svc/Gone');
    expect(select.options[0]?.textContent).toBe('old.Svc/Gone');
    filter.value = 'cart';
    filter.dispatchEvent(new Event('input'));
    flushSync();
    const listed = [...select.querySelectorAll('optgroup option')].map((o) => o.textContent);
    expect(listed).toEqual(['Add (client streaming)']);
  });
});
