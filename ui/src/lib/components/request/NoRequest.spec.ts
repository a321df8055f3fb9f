// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import NoRequest from './NoRequest.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

describe('NoRequest', () => {
  it('offers the New request button its hint talks about (issue 12)', () => {
    const onnewrequest = vi.fn();
    shown = render(NoRequest, { onnewrequest });
    expect(shown.target.textContent).toContain('create one');
    shown.target.querySelector<HTMLButtonElement>('[data-testid="empty-new-request"]')!.click();
    expect(onnewrequest).toHaveBeenCalledOnce();
  });
});
