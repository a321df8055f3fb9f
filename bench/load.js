// The newman side of crates/localpost-core/benches/import.rs: how long newman's own
// collection SDK (postman-collection, the version newman 6.2.2 installs) takes to read and
// load a collection file, in process, without Node's start-up. Prints milliseconds (wall
// clock and CPU) as JSON.
'use strict';
const fs = require('fs');
const { Collection } = require('postman-collection');

const file = process.argv[2];
const runs = Number(process.argv[3] || 5);
const times = [];
const cpu = [];
let requests = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const used = process.cpuUsage();
  const collection = new Collection(JSON.parse(fs.readFileSync(file, 'utf8')));
  requests = 0;
  collection.forEachItem(() => {
    requests += 1;
  });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  const spent = process.cpuUsage(used);
  cpu.push((spent.user + spent.system) / 1e3);
}
process.stdout.write(JSON.stringify({ requests, times, cpu }) + '\n');
