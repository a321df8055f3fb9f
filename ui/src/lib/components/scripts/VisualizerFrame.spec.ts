// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tick } from 'svelte';
import * as api from '../../api';
import { render, type Rendered } from '../../testing/render';
import { VISUALIZER_POLICY } from '../../visualizer';
import VisualizerFrame from './VisualizerFrame.svelte';

vi.mock('../../api');
const mocked = vi.mocked(api);

let shown: Rendered | undefined;
beforeEach(() => {
  mocked.showVisualization.mockReset();
  mocked.showVisualization.mockResolvedValue('lpviz://localhost/7');
});
afterEach(() => shown?.destroy());

/** Lets the renderer load (a dynamic import) and the app's answer arrive. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await tick();
}

function frameOf(shown: Rendered): HTMLIFrameElement {
  const frame = shown.target.querySelector<HTMLIFrameElement>('[data-testid="visualizer-frame"]');
  if (!frame) throw new Error('no visualizer frame');
  return frame;
}

describe('VisualizerFrame', () => {
  it('shows the rendered template in a frame that may run scripts but has no origin', async () => {
    shown = render(VisualizerFrame, {
      visualization: {
        template: '<ul>{{#each users}}<li>{{name}}</li>{{/each}}</ul>',
        data: { users: [{ name: 'Ada' }, { name: '<Bob>' }] },
        options: null,
        place: 'API / Users · test',
      },
    });
    await settled();
    const frame = frameOf(shown);
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-same-origin');
    expect(frame.hasAttribute('srcdoc')).toBe(false);
    expect(frame.getAttribute('src')).toBe('lpviz://localhost/7');
    expect(mocked.showVisualization).toHaveBeenCalledTimes(1);
    const doc = mocked.showVisualization.mock.calls[0]?.[0] ?? '';
    expect(doc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${VISUALIZER_POLICY}">`,
    );
    expect(VISUALIZER_POLICY).toContain("default-src 'none'");
    expect(VISUALIZER_POLICY).not.toContain('connect-src');
    expect(doc).toContain('<ul><li>Ada</li><li>&lt;Bob&gt;</li></ul>');
    expect(frame.title).toBe('Visualization from API / Users · test');
  });

  it('says why a template could not be rendered, with no frame', async () => {
    shown = render(VisualizerFrame, {
      visualization: { template: '{{> chart}}', data: {}, options: null, place: 'A · test' },
    });
    await settled();
    expect(shown.target.querySelector('[data-testid="visualizer-frame"]')).toBeNull();
    expect(shown.target.querySelector('[data-testid="visualizer-error"]')?.textContent).toContain(
      'partials are not supported',
    );
    expect(mocked.showVisualization).not.toHaveBeenCalled();
  });

  it('says why the app did not take the document, with no frame', async () => {
    mocked.showVisualization.mockRejectedValue({
      kind: 'internal',
      message: 'the app is closing',
      place: null,
    });
    shown = render(VisualizerFrame, {
      visualization: { template: '<p>x</p>', data: {}, options: null, place: 'A · test' },
    });
    await settled();
    expect(shown.target.querySelector('[data-testid="visualizer-frame"]')).toBeNull();
    expect(shown.target.querySelector('[data-testid="visualizer-error"]')?.textContent).toContain(
      'could not be shown: the app is closing',
    );
  });
});
