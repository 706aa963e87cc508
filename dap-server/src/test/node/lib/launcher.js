'use strict';
// A copy of the launcher with what `hindsight dap` checks and runs (its scripts, the jars, the
// relay's source and the hello fixture), and nothing to build: tests that change the build (a
// rebuilt jar) or the launcher's caches work on a copy, never on the real checkout.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./adapter');

const V = '0.1.0-SNAPSHOT';

function launcherCopy(dir) {
  const rels = ['hindsight', 'misc/ensure-deps.sh', 'web-ui/target/classes/static/app.js', 'dap-server/target/lib',
    'dap-server/src/relay/dap-relay.c', 'tracer/src/test/resources/programs/hello.c'];
  for (const m of ['tracer', 'index', 'trace-cli', 'dap-server', 'mi-server', 'web-ui']) rels.push(`${m}/target/hindsight-${m}-${V}.jar`);
  for (const rel of rels) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.cpSync(path.join(ROOT, rel), path.join(dir, rel), { recursive: true, preserveTimestamps: true });
  }
}

/** The jar of a module in a launcher tree. */
function jar(root, module) {
  return path.join(root, module, 'target', `hindsight-${module}-${V}.jar`);
}

module.exports = { launcherCopy, jar };
