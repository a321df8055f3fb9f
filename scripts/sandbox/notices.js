// Writes THIRD-PARTY-NOTICES.md for the vendored postman-sandbox boot code. The minifier removed
// every comment from that code, licence headers included, so the notices have to travel beside it.
//
//   node notices.js INSTALLED OUT
//
// INSTALLED: a copy of scripts/sandbox/notices/ after `npm ci`, so every package that
// notices/bundled.json lists is installed at the version in the boot code. OUT: the file to write.
// Only what the packages ship is read: package.json, licence files, a README's licence section
// when there is no licence file, and the comments of the bundled files. vendor.sh runs this.
'use strict';

const fs = require('fs');
const path = require('path');

const [installed, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node notices.js INSTALLED OUT');
  process.exit(2);
}

const bundled = JSON.parse(fs.readFileSync(path.join(installed, 'bundled.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
const vendorLock = JSON.parse(fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8'));

// bundled.json is only true of the postman-sandbox it was made from.
const pinned = vendorLock.packages['node_modules/postman-sandbox'].version;
if (bundled['postman-sandbox'] !== pinned) {
  fail(
    `notices/bundled.json lists the packages of postman-sandbox ${bundled['postman-sandbox']}, ` +
      `but package-lock.json pins ${pinned}; run scripts/sandbox/list-bundled.sh`,
  );
}

// Licence ids we have read the texts of. Anything else stops the run until someone reads it and
// adds it here or to LICENCE_FIXES.
const KNOWN_IDS = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause']);

// Packages whose package.json does not state their licence as an SPDX expression: what their
// licence files say instead.
const LICENCE_FIXES = {
  'css-select@1.2.0': {
    spdx: 'BSD-2-Clause',
    why: 'package.json says "BSD-like"; its LICENSE is the BSD 2-clause text',
  },
  'domutils@1.5.1': {
    spdx: 'BSD-2-Clause',
    why: 'package.json has no licence field; its LICENSE is the BSD 2-clause text',
  },
  'tv4@1.3.0': {
    spdx: 'LicenseRef-PublicDomain OR MIT',
    why:
      'its LICENSE.txt puts the code in the public domain; package.json also offers MIT, ' +
      'whose text it does not ship',
  },
};

// Licence files that cover only documentation, none of which is in the bundle.
const DOCUMENTATION_ONLY = /\.docs$/i;

const LICENCE_FILE = /^(?:.*[-_.])?(?:licen[cs]e|copying|notice)(?:[-_.].*)?$/i;
const README = /^readme(?:\.(?:md|markdown|txt))?$/i;

// A line that names a holder: "Copyright (c) 2013 Jake Luer", "(c) 2012 by Cédric Mesnil",
// "faker.js - Copyright (c) 2020", not the "above copyright notice" or "copyright owner" of a
// licence's body, nor Apache's "Copyright [yyyy] [name of copyright owner]" template.
const COPYRIGHT = /^(?:@license\s+)?(?:Copyright|COPYRIGHT|\([cC]\)\s*\d|©)/;
const COPYRIGHT_WITHIN = /\b(?:Copyright|COPYRIGHT)\s*(?:\([cC]\)|©|\d{4})|\([cC]\)\s*\d{4}/;
const NOT_A_HOLDER =
  /^(?:@license\s+)?copyright\s*(?:notice|holder|owner|license|statement|and|\[)/i;
// A comment that grants rights rather than only naming them, so must be reproduced whole.
const GRANT =
  /permission is hereby granted|redistribution and use|licensed under|into the "?public domain/i;

// A licence's opening title line ("The MIT License (MIT)", "(MIT)", "ISC License"), which
// packages word differently around the same text.
const TITLE =
  /^\s*(?:\(?the )?\(?(?:mit|isc|bsd[\w -]*|apache[\w .,-]*)\)?(?: licen[cs]e)?(?: \(\w+\))?\s*\n/i;

// --- read every package -------------------------------------------------------------------------

const packages = bundled.packages.map((entry) => {
  const id = `${entry.name}@${entry.version}`;
  const dir = path.join(installed, 'node_modules', installKey(entry));
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.name !== entry.name || pkg.version !== entry.version) {
    fail(`${installKey(entry)} is ${pkg.name}@${pkg.version}, expected ${id}`);
  }
  const files = fs.readdirSync(dir).sort();
  const skipped = files.filter((f) => LICENCE_FILE.test(f) && DOCUMENTATION_ONLY.test(f));
  let texts = files
    .filter((f) => LICENCE_FILE.test(f) && !DOCUMENTATION_ONLY.test(f))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => ({ source: f, text: readText(path.join(dir, f)) }));
  if (texts.length === 0) {
    const readme = files.find((f) => README.test(f));
    const section = readme && licenceSection(readText(path.join(dir, readme)));
    // A section that only names the licence ("MIT") is not a text.
    if (section && section.split('\n').length > 3) {
      texts = [{ source: `${readme}, "License" section`, text: section }];
    }
  }
  const fromTexts = unique(texts.flatMap((t) => holders(t.text).map((h) => h.line)));
  return {
    id,
    name: entry.name,
    version: entry.version,
    spdx: licenceOf(id, pkg),
    fix: LICENCE_FIXES[id],
    author: authorOf(pkg),
    texts,
    skipped,
    copyright: fromTexts,
    embedded: embeddedNotices(dir, entry.files, texts),
  };
});

// --- group the licence texts ----------------------------------------------------------------------

// Texts that differ only in their copyright lines, title or wrapping are printed once, without
// the copyright lines, which the table gives per package. A text every user ships identically is
// printed as shipped, so that a text with several parts keeps each holder with its part.
const groups = new Map();
for (const p of packages) {
  p.textRefs = [];
  for (const t of p.texts) {
    const key = normalise(withoutCopyright(t.text).replace(TITLE, ''));
    if (!groups.has(key)) groups.set(key, { shipped: [], users: [] });
    const group = groups.get(key);
    group.shipped.push(t.text);
    group.users.push(p);
    p.textRefs.push(group);
  }
}
const numbered = [...groups.values()];
numbered.forEach((g, i) => {
  g.number = i + 1;
  g.spdx = mostCommon(g.users.map((p) => p.spdx));
  const [first] = g.shipped;
  g.text = g.shipped.every((t) => normalise(t) === normalise(first))
    ? first.replace(/^\n+|\s+$/g, '')
    : withoutCopyright(first);
});

// A package that ships no licence text is under the text most packages with its licence ship.
for (const p of packages.filter((q) => q.textRefs.length === 0)) {
  const candidates = numbered.filter((g) => g.spdx === p.spdx);
  if (candidates.length === 0) fail(`${p.id} ships no ${p.spdx} text and no other package does`);
  const group = candidates.sort((a, b) => b.users.length - a.users.length)[0];
  p.textRefs.push(group);
  p.borrowed = true;
}

fs.writeFileSync(out, render());

// --- output -------------------------------------------------------------------------------------

function render() {
  const lines = [];
  const say = (...l) => lines.push(...l);
  const embeddedCount = packages.filter((p) => p.embedded.lines.length).length;
  const { rebuild } = bundled;

  say(
    '# Third-party notices: vendored postman-sandbox',
    '',
    '<!-- Generated by scripts/sandbox/notices.js; do not edit. -->',
    '',
    '`postman-sandbox.js` in this directory is the browser boot code of',
    `[postman-sandbox](https://github.com/postmanlabs/postman-sandbox) ${pinned}, as the npm`,
    'package ships it: one browserify bundle of postman-sandbox and the libraries it offers to',
    'scripts, minified with every comment (licence headers too) removed. This file carries the',
    'notices the minifier dropped.',
    '',
    '**How it is made.** `scripts/sandbox/list-bundled.sh` rebuilt the boot code from',
    `postman-sandbox's own git tag v${pinned} and that tag's package-lock.json and recorded the`,
    'package of every file browserify took in (`scripts/sandbox/notices/bundled.json`). The',
    `rebuild matched the shipped boot code in ${rebuild.identical} of its ${rebuild.modules} modules` +
      (rebuild.differing.length
        ? ` (differing: ${rebuild.differing.map((f) => `\`${f}\``).join(', ')}).`
        : '.'),
    'Those packages are pinned, at those versions, in `scripts/sandbox/notices/package-lock.json`',
    '(a second version of a package under an npm alias); `scripts/sandbox/notices.js` reads each',
    "one's package.json `license` field, its LICENSE, LICENCE, COPYING and NOTICE files (its",
    "README's licence section if it has none) and the comments of its bundled files.",
    '',
    '**To regenerate** run `scripts/sandbox/vendor.sh`, which rewrites the boot code and this',
    'file; `scripts/sandbox/vendor.sh --check` (part of `make test`) fails when either differs',
    'from what is committed. After bumping postman-sandbox, run `scripts/sandbox/list-bundled.sh`',
    'first.',
    '',
    `**Contents.** ${packages.length} packages, then the notices found only in the comments of`,
    `bundled files (${embeddedCount} packages), then ${numbered.length} distinct licence texts.`,
    'A text that packages ship with different copyright lines is printed once without them;',
    "the table gives each package's copyright lines. None of the Apache-2.0 packages ships a",
    'NOTICE file.',
  );
  const notes = [];
  if (bundled['empty-files'].length) {
    notes.push(
      `The bundle also holds empty placeholder files, which carry no code: ${bundled['empty-files']
        .map((f) => `\`${f}\``)
        .join(', ')}.`,
    );
  }
  const docs = packages.filter((p) => p.skipped.length);
  if (docs.length) {
    notes.push(
      `Licence files for documentation only are left out, as no documentation is bundled: ${docs
        .map((p) => `${p.id} ${p.skipped.join(', ')}`)
        .join('; ')}.`,
    );
  }
  if (notes.length) say('', ...notes.flatMap((n, i) => (i ? ['', n] : [n])));

  say(
    '',
    '## Packages',
    '',
    '| Package | Version | Licence | Copyright | Text |',
    '|---|---|---|---|---|',
  );
  for (const p of packages) {
    const holders = p.copyright.length
      ? p.copyright
      : p.embedded.lines.length
        ? p.embedded.lines.map((l) => `${l.line} (source header)`)
        : [`none stated${p.author ? `; package.json author: ${p.author}` : ''}`];
    say(
      `| ${cell(p.name)} | ${p.version} | ${cell(p.spdx)}${p.fix ? ' ¹' : ''} | ${holders
        .map(cell)
        .join('<br>')} | ${p.textRefs.map((g) => `[${g.number}](#text-${g.number})`).join(', ')}${
        p.borrowed ? ' ²' : ''
      } |`,
    );
  }
  say(
    '',
    '¹ The licence field in package.json is not an SPDX expression; the column says what the',
    "package's licence files say instead:",
    '',
    ...packages.filter((p) => p.fix).map((p) => `- ${p.id}: ${p.fix.why}.`),
    '',
    '² The package ships no licence text, only the licence name in package.json (or its',
    'README); the text linked is the common text of that licence as other packages here ship it.',
  );
  const fromReadme = packages.filter((p) => p.texts.some((t) => t.source.includes('README')));
  if (fromReadme.length) {
    say(
      '',
      `Taken from the README's licence section, for want of a licence file: ${fromReadme
        .map((p) => p.id)
        .join(', ')}.`,
    );
  }

  say(
    '',
    '## Notices in the comments of bundled files',
    '',
    "Copyright lines and licence headers in the bundled source files that the package's own",
    'licence text does not carry: code a package took from elsewhere, or per-file notices.',
    'Headers that grant rights are reproduced whole.',
  );
  const printed = new Map(); // normalised header -> where it was printed
  for (const p of packages.filter((q) => q.embedded.lines.length)) {
    say('', `### ${p.id}`, '');
    for (const l of p.embedded.lines) {
      const more = l.files.length > 1 ? ` and ${l.files.length - 1} more` : '';
      say(`- ${l.line} (\`${l.files[0]}\`${more})`);
    }
    for (const b of p.embedded.blocks) {
      const more = b.files.length > 1 ? ` (and ${b.files.length - 1} more)` : '';
      const key = normalise(b.text);
      if (printed.has(key)) {
        say(
          '',
          `The header of \`${b.files[0]}\`${more} is the same as that of ${printed.get(key)}.`,
        );
        continue;
      }
      printed.set(key, `\`${b.files[0]}\` in ${p.id}`);
      say('', `The header of \`${b.files[0]}\`${more}:`, '', ...fence(b.text));
    }
  }

  say('', '## Licence texts');
  for (const g of numbered) {
    say(
      '',
      `<a id="text-${g.number}"></a>`,
      '',
      `### ${g.number}. ${g.spdx}`,
      '',
      `Covers: ${g.users.map((p) => p.id).join(', ')}.`,
      '',
      ...fence(g.text),
    );
  }
  return `${lines.join('\n')}\n`;
}

// --- helpers ------------------------------------------------------------------------------------

function installKey(entry) {
  const deps = manifest.dependencies || {};
  if (deps[entry.name] === entry.version) return entry.name;
  const alias = Object.keys(deps).find((k) => deps[k] === `npm:${entry.name}@${entry.version}`);
  if (!alias) fail(`notices/package.json does not install ${entry.name}@${entry.version}`);
  return alias;
}

function licenceOf(id, pkg) {
  if (LICENCE_FIXES[id]) return LICENCE_FIXES[id].spdx;
  let declared = pkg.license;
  if (declared && typeof declared === 'object') declared = declared.type;
  if (!declared && Array.isArray(pkg.licenses)) {
    declared = pkg.licenses.map((l) => (typeof l === 'string' ? l : l.type)).join(' OR ');
  }
  const ids = String(declared || '')
    .replace(/[()]/g, '')
    .split(/ (?:OR|AND) /);
  if (!declared || !ids.every((i) => KNOWN_IDS.has(i))) {
    fail(`${id}: licence ${JSON.stringify(declared)} needs reading; add it to LICENCE_FIXES`);
  }
  return declared.replace(/^\((.*)\)$/, '$1');
}

function authorOf(pkg) {
  const a = pkg.author;
  if (!a) return '';
  return typeof a === 'string' ? a : [a.name, a.email && `<${a.email}>`].filter(Boolean).join(' ');
}

// The section under a "License" heading, down to the next heading of the same or a higher level.
function licenceSection(readme) {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^#{1,6}\s*licen[cs]e\b/i.test(l));
  if (start < 0) return null;
  const level = lines[start].match(/^#+/)[0].length;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => new RegExp(`^#{1,${level}}\\s`).test(l));
  return decodeEntities(rest.slice(0, end < 0 ? rest.length : end).join('\n')).trim();
}

// Copyright lines and rights-granting headers in the comments of the bundled files that the
// package's licence texts do not already carry.
function embeddedNotices(dir, files, texts) {
  const known = holderKey(texts.map((t) => t.text).join('\n'));
  const lines = new Map(); // line -> files
  const blocks = new Map(); // normalised text -> { text, files }
  for (const file of files) {
    for (const block of comments(readText(path.join(dir, file)))) {
      const fresh = holders(block)
        .map((h) => h.line)
        .filter((l) => !known.includes(holderKey(l)));
      if (fresh.length === 0) continue;
      if (GRANT.test(block)) {
        const key = normalise(block);
        if (!blocks.has(key)) blocks.set(key, { text: block, files: [] });
        blocks.get(key).files.push(file);
      }
      for (const l of fresh) {
        if (!lines.has(l)) lines.set(l, []);
        lines.get(l).push(file);
      }
    }
  }
  return {
    lines: [...lines].map(([line, where]) => ({ line, files: unique(where) })),
    blocks: [...blocks.values()],
  };
}

// The comments of a JavaScript file, each as text without its comment markers. Line by line, so
// a "/*" inside a string can confuse it; the result is read by people, who would notice.
function comments(source) {
  const found = [];
  let block = null;
  let run = null;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (block) {
      const end = line.indexOf('*/');
      block.push(end < 0 ? line : line.slice(0, end));
      if (end >= 0) {
        found.push(block);
        block = null;
      }
      continue;
    }
    if (line.startsWith('//')) {
      (run = run || []).push(line.replace(/^\/\/+\s?/, ''));
      continue;
    }
    if (run) {
      found.push(run);
      run = null;
    }
    const start = line.indexOf('/*');
    if (start < 0) continue;
    const body = line.slice(start + 2);
    const end = body.indexOf('*/');
    if (end >= 0) found.push([body.slice(0, end)]);
    else block = [body];
  }
  if (run) found.push(run);
  return found.map((c) =>
    c
      .map((l) =>
        l
          .replace(/^\*+\s?/, '')
          .replace(/^!\s?/, '')
          .trimEnd(),
      )
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  );
}

// The copyright lines of a text, each with the indexes of the lines it was read from: a line
// that ends at a year takes the holder from the next line ("faker.js - Copyright (c) 2020" /
// "Marak Squires").
function holders(text) {
  const lines = text.split('\n').map((l) => l.replace(/^[\s/*#>-]+/, '').trim());
  const found = [];
  lines.forEach((l, i) => {
    if (!(COPYRIGHT.test(l) || COPYRIGHT_WITHIN.test(l)) || NOT_A_HOLDER.test(l)) return;
    const leading = COPYRIGHT.test(l);
    if (/\d{4}$/.test(l) && lines[i + 1]) {
      found.push({ line: `${l} ${lines[i + 1]}`, at: [i, i + 1], leading });
    } else {
      found.push({ line: l, at: [i], leading });
    }
  });
  return found;
}

// The text without the lines that are only a copyright line; one that says more, such as
// faker's list of sources, stays.
function withoutCopyright(text) {
  const drop = new Set(
    holders(text)
      .filter((h) => h.leading)
      .flatMap((h) => h.at),
  );
  return text
    .split('\n')
    .filter((_, i) => !drop.has(i))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// What identifies a holder in a copyright line, for finding it in another text: its words and
// years, without "Copyright", "(c)", e-mail or web addresses and punctuation.
function holderKey(text) {
  return text
    .toLowerCase()
    .replace(/@license\b|<[^>]*>|\S+@\S+|https?:\/\/\S+/g, ' ')
    .replace(/\bcopyright\b|\(c\)|©|all rights reserved/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function normalise(text) {
  return text
    .toLowerCase()
    .replace(/[#*_`>"'“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function readText(file) {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '');
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function fence(text) {
  const ticks = '`'.repeat(Math.max(3, ...(text.match(/`+/g) || []).map((t) => t.length + 1)));
  return [`${ticks}text`, text, ticks];
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unique(list) {
  return [...new Set(list)];
}

function mostCommon(list) {
  const counts = new Map();
  for (const x of list) counts.set(x, (counts.get(x) || 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
