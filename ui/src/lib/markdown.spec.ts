import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders headings, emphasis, code, lists, quotes and rules', () => {
    const html = renderMarkdown(
      '# Users API\n\nCalls **the** _users_ `service`.\nSecond line.\n\n- one\n- two *x*\n\n1. first\n2. second\n\n> note\n\n---\n\n```\nlet a = 1;\n```',
    );
    expect(html).toBe(
      [
        '<h1>Users API</h1>',
        '<p>Calls <strong>the</strong> <em>users</em> <code>service</code>. Second line.</p>',
        '<ul><li>one</li><li>two <em>x</em></li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<blockquote><p>note</p></blockquote>',
        '<hr>',
        '<pre><code>let a = 1;</code></pre>',
      ].join('\n'),
    );
  });

  it('escapes raw HTML everywhere, also inside code and links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n`<b>`\n\n```\n</code><script>\n```',
    );
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('<code>&lt;b&gt;</code>');
    expect(html).toContain('<pre><code>&lt;/code&gt;&lt;script&gt;</code></pre>');
  });

  it('keeps only http, https and mailto link targets, quoted safely', () => {
    expect(renderMarkdown('[docs](https://example.test/a?b=1&c=2)')).toBe(
      '<p><a href="https://example.test/a?b=1&amp;c=2" title="https://example.test/a?b=1&amp;c=2">docs</a></p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[x](https://a.test/"onmouseover="alert(1))')).not.toMatch(
      /"onmouseover/,
    );
    expect(renderMarkdown('[mail](mailto:me@example.test)')).toContain('href="mailto:');
  });

  it('leaves a description without Markdown as one paragraph', () => {
    expect(renderMarkdown('Plain words')).toBe('<p>Plain words</p>');
    expect(renderMarkdown('')).toBe('');
  });
});
