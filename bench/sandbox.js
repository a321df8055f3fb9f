// The peer of `make bench`'s script benchmark (crates/localpost-core/benches/script.rs):
// postman-sandbox as newman 6.2.2 installs it, in Node, measured in process (no Node start-up).
// Prints JSON: the boot time (createContext) and the time per execution of SCRIPT after
// WARMUP executions, over N executions, both in milliseconds.
'use strict';
const Sandbox = require('postman-sandbox');
const [script, n, warmup] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const context = {
  response: {
    code: 200, status: 'OK',
    header: [{ key: 'Content-Type', value: 'application/json' }],
    stream: { type: 'Buffer', data: Array.from(Buffer.from('{"a":1}')) },
  },
  request: { url: 'http://127.0.0.1/x', method: 'GET' },
  environment: { values: [] },
};
const t0 = process.hrtime.bigint();
Sandbox.createContext({ timeout: 5000 }, (err, ctx) => {
  if (err) throw err;
  const boot = Number(process.hrtime.bigint() - t0) / 1e6;
  let i = 0;
  let started = 0n;
  const next = () => {
    if (i === warmup) started = process.hrtime.bigint();
    if (i === warmup + n) {
      const each = Number(process.hrtime.bigint() - started) / 1e6 / n;
      process.stdout.write(JSON.stringify({ boot, each }));
      ctx.dispose();
      return;
    }
    i++;
    ctx.execute({ listen: 'test', script: { exec: script } }, { context, timeout: 5000 }, (e) => {
      if (e) throw e;
      next();
    });
  };
  next();
});
