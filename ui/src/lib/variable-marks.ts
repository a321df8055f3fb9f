/**
 * A CodeMirror extension marking `{{variables}}` by how they resolve (`./template-tokens.ts`):
 * class `cm-var cm-var-<state>`, and a `title` naming the value and its scope (secrets masked)
 * that the pointer's hover shows.
 */
import type { Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import type { VariablesInScope } from './bindings/VariablesInScope';
import { resolve } from './template-tokens';

const theme = EditorView.baseTheme({
  '.cm-var': { borderRadius: '3px', padding: '0 1px' },
  '.cm-var-resolved, .cm-var-dynamic': { color: 'var(--var-resolved, #1a7f37)', fontWeight: '600' },
  '.cm-var-secret': { color: 'var(--var-secret, #8250df)', fontWeight: '600' },
  '.cm-var-unresolved': {
    color: 'var(--var-unresolved, #cf222e)',
    textDecoration: 'underline wavy',
  },
});

/** Marks `{{…}}` tokens against `scope` (everything is unresolved while it is `null`). */
export function variableMarks(scope: VariablesInScope | null): Extension {
  const decorator = new MatchDecorator({
    regexp: /\{\{([^{}]+)\}\}/g,
    decoration: (match) => {
      const { state, description } = resolve(match[1]!.trim(), scope);
      return Decoration.mark({
        class: `cm-var cm-var-${state}`,
        attributes: { title: description, 'data-var-state': state },
      });
    },
  });
  const plugin = ViewPlugin.fromClass(
    class {
      marks: DecorationSet;
      constructor(view: EditorView) {
        this.marks = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.marks = decorator.updateDeco(update, this.marks);
      }
    },
    { decorations: (v) => v.marks },
  );
  return [plugin, theme];
}
