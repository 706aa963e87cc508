'use strict';
// Recorded runs for the reverse-execution tests: `hindsight record` and `hindsight build` as their
// launcher lines run them (the CLI main classes, straight from the built jars), into a temporary
// directory removed with the fixtures'.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { ROOT } = require('./adapter');
const fixtures = require('./fixtures');

const VERSION = '0.1.0-SNAPSHOT';

function runModule(module, main, args) {
  const cp = `${path.join(ROOT, module, 'target', `hindsight-${module}-${VERSION}.jar`)}:${path.join(ROOT, module, 'target', 'lib', '*')}`;
  return execFileSync('java', ['-cp', cp, main, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000 }).toString();
}

/** Records a fixture's run (its output discarded) and, unless told not to, builds its index in two shards. */
function record(fixture, { build = true } = {}) {
  const exe = fixtures.compile(fixture, ['-no-pie']);
  const dir = path.join(fixtures.tempDir(), `${path.basename(exe)}-${build ? 'built' : 'unbuilt'}`);
  if (fs.existsSync(dir)) return dir;
  return recordExecutable(exe, dir, { build });
}

/** Records an executable's run into dir (the trace keeps copies of its sources) and builds it unless told not to. */
function recordExecutable(exe, dir, { build = true } = {}) {
  runModule('trace-cli', 'dev.hindsight.trace.RecordCommand', ['-o', dir, exe]);
  if (build) runModule('index', 'dev.hindsight.index.build.BuildCommand', [dir, '--shards', '2']);
  return dir;
}

module.exports = { record, recordExecutable };
