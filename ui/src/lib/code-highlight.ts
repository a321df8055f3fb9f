/**
 * Syntax colours of the CodeMirror editors, as CSS variables (`--code-*` in `app.css`), so one
 * highlight style serves the light and the dark theme and follows a theme change at once
 * (CodeMirror's `defaultHighlightStyle` has fixed colours made for a light background).
 */
import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

export const codeHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  { tag: [t.propertyName, t.attributeName], color: 'var(--code-property)' },
  { tag: [t.typeName, t.className, t.tagName], color: 'var(--code-type)' },
  { tag: [t.function(t.variableName), t.definition(t.variableName)], color: 'var(--code-fn)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)' },
  { tag: t.invalid, color: 'var(--danger)' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.link, textDecoration: 'underline' },
  { tag: t.heading, fontWeight: 'bold', color: 'var(--code-keyword)' },
]);
