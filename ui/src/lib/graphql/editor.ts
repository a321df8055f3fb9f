/**
 * The query editor's GraphQL support: highlighting, schema completion and validation marks
 * (cm6-graphql, over graphql-language-service), and hover docs for the field, argument or type
 * under the pointer (graphql-language-service's hover text). Loaded with the GraphQL editor,
 * never in the main chunk.
 */
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { hoverTooltip, keymap } from '@codemirror/view';
import { graphql, offsetToPos } from 'cm6-graphql';
import type { GraphQLSchema } from 'graphql';
import { getHoverInformation } from 'graphql-language-service';

/** The hover text at `offset` of `query`: the type, field or argument and its description. */
export function hoverText(
  schema: GraphQLSchema,
  query: string,
  line: number,
  column: number,
): string {
  const text = getHoverInformation(schema, query, {
    line,
    character: column,
    setLine() {},
    setCharacter() {},
    lessThanOrEqualTo(other) {
      return line < other.line || (line === other.line && column <= other.character);
    },
  });
  return typeof text === 'string' ? text.trim() : '';
}

const hover = (schema: GraphQLSchema) =>
  hoverTooltip((view, pos) => {
    const word = view.state.wordAt(pos);
    if (!word) return null;
    const at = offsetToPos(view.state.doc, pos);
    const text = hoverText(schema, view.state.doc.toString(), at.line, at.character + 1);
    if (!text) return null;
    return {
      pos: word.from,
      end: word.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'cm-graphql-hover';
        dom.setAttribute('data-testid', 'graphql-hover');
        dom.textContent = text;
        return { dom };
      },
    };
  });

/** The extensions for a query editor, with `schema`'s completion, marks and docs when given. */
export function graphqlExtensions(schema: GraphQLSchema | null): Extension[] {
  return [
    graphql(schema ?? undefined),
    autocompletion(),
    keymap.of(completionKeymap),
    ...(schema ? [hover(schema)] : []),
  ];
}
