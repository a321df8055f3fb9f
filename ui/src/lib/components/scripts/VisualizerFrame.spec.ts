// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { VISUALIZER_POLICY } from '../../visualizer';
import VisualizerFrame from './VisualizerFrame.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function frameOf(shown: Rendered): HTMLIFrameElement {
  const frame = shown.target.querySelector<HTMLIFrameElement>('[data-testid="visualizer-frame"]');
  if (!frame) throw new Error('no visualizer frame');
  return frame;
}

describe('VisualizerFrame', () => {
  it('shows the rendered template in a frame that may run scripts but has no origin', () => {
    shown = render(VisualizerFrame, {
      visualization: {
        template: '<ul>{{#each users}}<li>{{name}}</li>{{/each}}</ul>',
        data: { users: [{ name: 'Ada' }, { name: '<Bob>' }] },
        options: null,
        place: 'API / Users · test',
      },
    });
    const frame = frameOf(shown);
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-same-origin');
    expect(frame.hasAttribute('src')).toBe(false);
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${VISUALIZER_POLICY}">`,
    );
    expect(VISUALIZER_POLICY).toContain("default-src 'none'");
    expect(doc).toContain('<ul><li>Ada</li><li>&lt;Bob&gt;</li></ul>');
    expect(frame.title).toBe('Visualization from API / Users · test');
  });

  it('says why a template could not be rendered, with no frame', () => {
    shown = render(VisualizerFrame, {
      visualization: { template: '{{> chart}}', data: {}, options: null, place: 'A · test' },
    });
    expect(shown.target.querySelector('[data-testid="visualizer-frame"]')).toBeNull();
    expect(shown.target.querySelector('[data-testid="visualizer-error"]')?.textContent).toContain(
      'partials are not supported',
    );
  });
});
