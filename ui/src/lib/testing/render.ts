/**
 * Mounts a component into a fresh element of the test's DOM (component tests run in happy-dom:
 * `// @vitest-environment happy-dom` at the top of the spec), with effects flushed.
 */
import { flushSync, mount, unmount, type Component } from 'svelte';

export interface Rendered {
  /** The element holding the component. */
  target: HTMLElement;
  /** Unmounts the component and removes its element. */
  destroy: () => void;
}

export function render<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): Rendered {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const mounted = mount(component, { target, props });
  flushSync();
  return {
    target,
    destroy: () => {
      void unmount(mounted);
      target.remove();
    },
  };
}
