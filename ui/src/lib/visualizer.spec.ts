import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTemplate, VISUALIZER_POLICY, visualizerDocument } from './visualizer';

describe('renderTemplate', () => {
  it('escapes mustaches and leaves triple ones raw', () => {
    expect(renderTemplate('<b>{{name}}</b> {{{html}}}', { name: '<Ada>', html: '<i>x</i>' })).toBe(
      '<b>&lt;Ada&gt;</b> <i>x</i>',
    );
    expect(renderTemplate('{{name}}', { name: '<Ada>' }, { noEscape: true })).toBe('<Ada>');
  });

  it('iterates arrays and objects with @index, @key, @first, @last and block params', () => {
    const data = { users: [{ name: 'Ada' }, { name: 'Bob' }], tags: { a: 1, b: 2 } };
    expect(
      renderTemplate(
        '{{#each users}}{{@index}}:{{name}}{{#if @first}}!{{/if}}{{#unless @last}},{{/unless}}{{/each}}',
        data,
      ),
    ).toBe('0:Ada!,1:Bob');
    expect(renderTemplate('{{#each tags}}{{@key}}={{this}};{{/each}}', data)).toBe('a=1;b=2;');
    expect(renderTemplate('{{#each users as |u i|}}{{i}}{{u.name}}{{/each}}', data)).toBe(
      '0Ada1Bob',
    );
    expect(renderTemplate('{{#each none}}x{{else}}empty{{/each}}', data)).toBe('empty');
  });

  it('climbs contexts with ../ and @root, and supports with, lookup and literals', () => {
    const data = { title: 'T', rows: [{ v: 1 }], person: { name: 'Ada' }, keys: ['v'] };
    expect(renderTemplate('{{#each rows}}{{../title}}{{@root.title}}{{v}}{{/each}}', data)).toBe(
      'TT1',
    );
    expect(renderTemplate('{{#with person}}{{name}}{{/with}}', data)).toBe('Ada');
    expect(renderTemplate('{{lookup person "name"}}', data)).toBe('Ada');
    expect(renderTemplate('{{#if 0 includeZero=true}}zero{{/if}}{{#if 0}}no{{/if}}', data)).toBe(
      'zero',
    );
  });

  it('treats a block on a plain value as Handlebars does', () => {
    const data = { list: [1, 2], person: { name: 'Ada' }, yes: true, no: false };
    expect(renderTemplate('{{#list}}{{this}}{{/list}}', data)).toBe('12');
    expect(renderTemplate('{{#person}}{{name}}{{/person}}', data)).toBe('Ada');
    expect(renderTemplate('{{#yes}}y{{/yes}}{{#no}}n{{else}}not{{/no}}', data)).toBe('ynot');
  });

  it('drops comments and shows missing values as nothing', () => {
    expect(renderTemplate('a{{! note }}{{missing.deep}}b', {})).toBe('ab');
  });

  it('fails on what it does not support, and on a template that does not parse', () => {
    expect(() => renderTemplate('{{> partial}}', {})).toThrow('partials are not supported');
    expect(() => renderTemplate('{{shout name}}', {})).toThrow('unknown helper "shout"');
    expect(() => renderTemplate('{{#each}}', {})).toThrow();
  });
});

describe('visualizerDocument', () => {
  it('starts with a policy that forbids the network, then gives pm.getData the data', () => {
    const doc = visualizerDocument('<p>hi</p>', { a: '</script><b>' });
    expect(doc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${VISUALIZER_POLICY}">`,
    );
    expect(VISUALIZER_POLICY).toBe(
      "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; " +
        "img-src data: blob:; form-action 'none'; base-uri 'none'",
    );
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<script>'));
    expect(doc).not.toContain('</script><b>');
    expect(doc).toContain('<body><p>hi</p></body>');
  });
});

describe('VISUALIZER_POLICY', () => {
  it('is the policy the app serves the frame with (src-tauri/src/visualizer.rs)', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const rust = readFileSync(resolve(here, '../../../src-tauri/src/visualizer.rs'), 'utf8');
    const literal = /pub const POLICY: &str = "((?:[^"\\]|\\[\s\S])*)";/.exec(rust)?.[1];
    expect(literal).toBeDefined();
    // A Rust string's `\` at a line's end drops the line break and the next line's indent.
    expect(literal?.replace(/\\\n\s*/g, '')).toBe(VISUALIZER_POLICY);
  });
});
