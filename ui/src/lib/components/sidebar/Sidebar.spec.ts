// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workspaceOf } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import Sidebar from './Sidebar.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const none = () => {};

function sidebar(onnewrequest: () => void): HTMLElement {
  shown = render(Sidebar, {
    workspaces: [workspaceOf(1, 'Home')],
    currentId: 1,
    loaded: true,
    rows: [],
    tabStop: null,
    selected: null,
    focusRequests: 0,
    onselectworkspace: () => Promise.resolve(),
    oncreateworkspace: none,
    onrenameworkspace: none,
    ondeleteworkspace: none,
    onclassifyworkspace: none,
    oncookies: none,
    onnewcollection: none,
    onnewrequest,
    onimport: none,
    onrunner: none,
    onactive: none,
    onexpand: none,
    oncollapse: none,
    onopen: none,
    onaddrequest: none,
    onaddfolder: none,
    onrename: none,
    ondelete: none,
    onmove: none,
    onexport: none,
    onsettings: none,
    onrun: none,
  });
  return shown.target;
}

describe('Sidebar', () => {
  it('has a New request button before any collection exists (issue 12)', () => {
    const onnewrequest = vi.fn();
    const root = sidebar(onnewrequest);
    expect(root.textContent).toContain('No collections yet.');
    root.querySelector<HTMLButtonElement>('[data-testid="new-request"]')!.click();
    expect(onnewrequest).toHaveBeenCalledOnce();
  });
});
