/**
 * A small, safe Markdown renderer for collection and folder descriptions: headings, paragraphs,
 * emphasis, inline code, fenced code blocks, lists, quotes, rules and links.
 *
 * Safety comes first: the source is HTML-escaped before anything else, so raw HTML in a
 * description (`<script>`, `<img onerror>`, …) shows as text and no markup of the author's
 * reaches the DOM; the only tags in the output are the ones written here. A link keeps only an
 * `http:`, `https:` or `mailto:` target (anything else, `javascript:` included, becomes plain
 * text). Written here rather than taken from npm: about a hundred lines cover what
 * descriptions use, with no dependency to audit.
 */

/** `text` with `&`, `<`, `>`, `"` and `'` escaped. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const SAFE_TARGET = /^(https?:|mailto:)/i;

/** Emphasis and links of escaped text without code spans. */
function emphasis(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(.+?)__/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, target: string) =>
      SAFE_TARGET.test(target) ? `<a href="${target}" title="${target}">${label}</a>` : label,
    );
}

/** Inline Markdown of one escaped line or paragraph: code spans are left as they are. */
function inline(escaped: string): string {
  return escaped
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? `<code>${part.slice(1, -1)}</code>`
        : emphasis(part),
    )
    .join('');
}

type Block = { tag: 'p' | 'ul' | 'ol' | 'blockquote'; lines: string[] };

function emit(block: Block | null, out: string[]): void {
  if (!block) return;
  if (block.tag === 'ul' || block.tag === 'ol') {
    const items = block.lines.map((l) => `<li>${inline(l)}</li>`).join('');
    out.push(`<${block.tag}>${items}</${block.tag}>`);
  } else if (block.tag === 'blockquote') {
    out.push(`<blockquote><p>${inline(block.lines.join(' '))}</p></blockquote>`);
  } else {
    out.push(`<p>${inline(block.lines.join(' '))}</p>`);
  }
}

/** Renders Markdown `source` to HTML that holds no markup from the source itself. */
export function renderMarkdown(source: string): string {
  const lines = escapeHtml(source.replace(/\r\n?/g, '\n')).split('\n');
  const out: string[] = [];
  let block = null as Block | null;
  let code: string[] | null = null;
  for (const line of lines) {
    if (code !== null) {
      if (/^\s*```/.test(line)) {
        out.push(`<pre><code>${code.join('\n')}</code></pre>`);
        code = null;
      } else code.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^&gt;\s?(.*)$/.exec(line);
    if (/^\s*```/.test(line)) {
      emit(block, out);
      block = null;
      code = [];
    } else if (line.trim() === '') {
      emit(block, out);
      block = null;
    } else if (heading) {
      emit(block, out);
      block = null;
      const [, hashes = '#', title = ''] = heading;
      out.push(`<h${hashes.length}>${inline(title.trim())}</h${hashes.length}>`);
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      emit(block, out);
      block = null;
      out.push('<hr>');
    } else if (bullet || numbered || quote) {
      const tag = bullet ? 'ul' : numbered ? 'ol' : 'blockquote';
      if (block === null || block.tag !== tag) {
        emit(block, out);
        block = { tag, lines: [] };
      }
      block.lines.push((bullet ?? numbered ?? quote)?.[1] ?? '');
    } else if (block && (block.tag === 'ul' || block.tag === 'ol')) {
      block.lines[block.lines.length - 1] += ` ${line.trim()}`;
    } else {
      if (!block) block = { tag: 'p', lines: [] };
      block.lines.push(line.trim());
    }
  }
  if (code !== null) out.push(`<pre><code>${code.join('\n')}</code></pre>`);
  emit(block, out);
  return out.join('\n');
}
