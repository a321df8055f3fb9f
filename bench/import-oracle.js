// What another tool makes of an import fixture, as JSON on stdout (used by
// crates/localpost-core/tests/formats_oracles.rs; the packages are pinned in package.json):
//   node import-oracle.js openapi FILE   Postman's own converter (openapi-to-postmanv2, the code
//                                        the Postman app imports OpenAPI with), after the file is
//                                        validated against the OpenAPI / Swagger schema
//   node import-oracle.js har FILE       Insomnia's HAR importer, after the file is validated
//                                        against the HAR 1.2 schema
// A file that does not validate exits 1 with the validator's message.
const fs = require('fs');
const [kind, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

function walkPostman(items, folders, out) {
  for (const item of items || []) {
    if (item.item) { walkPostman(item.item, folders.concat(item.name), out); continue; }
    const r = item.request || {};
    const u = r.url || {};
    const path = [].concat(u.host || []).join('.') + '/' + [].concat(u.path || []).join('/');
    const query = (u.query || []).map(q => q.key);
    out.push({ folders, name: item.name, method: r.method || 'GET', path, query });
  }
  return out;
}

async function main() {
  if (kind === 'openapi') {
    const SwaggerParser = require('@apidevtools/swagger-parser');
    const yaml = require('js-yaml');
    const doc = yaml.load(text);
    await SwaggerParser.validate(JSON.parse(JSON.stringify(doc)), { resolve: { external: false } });
    const Converter = require('openapi-to-postmanv2');
    const out = await new Promise((resolve, reject) => Converter.convert(
      { type: 'string', data: text },
      { folderStrategy: 'Tags', requestNameSource: 'Fallback' },
      (err, res) => err ? reject(err) : res.result ? resolve(res) : reject(new Error(res.reason))));
    const collection = out.output[0].data;
    return walkPostman(collection.item, [], []);
  }
  if (kind === 'har') {
    const validate = require('har-validator');
    await validate.har(JSON.parse(text));
    const { convert } = require('insomnia-importers');
    const out = await convert(text);
    return out.data.resources.filter(r => r._type === 'request').map(r => ({
      method: r.method, url: r.url,
      headers: (r.headers || []).map(h => [h.name.toLowerCase(), h.value]),
      body: r.body && r.body.text !== undefined ? r.body.text : null,
      form: r.body && r.body.params ? r.body.params.map(p => [p.name, p.value]) : null,
    }));
  }
  throw new Error(`unknown kind ${kind}`);
}
main().then(r => process.stdout.write(JSON.stringify(r, null, 1) + '\n'),
  e => { process.stderr.write(String(e && e.message || e) + '\n'); process.exit(1); });
