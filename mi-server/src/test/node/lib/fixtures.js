'use strict';
// The shared fixture programs (tracer/src/test/resources/programs, as the Java tests use them),
// compiled by the real clang with -g -O0 into a temporary directory removed when the test process
// exits, and the `// BREAK: name` marker lines tests use instead of hard-coded line numbers.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../../../../..');
const DIR = path.join(ROOT, 'tracer', 'src', 'test', 'resources', 'programs');
let outDir;

function source(name) {
  const p = path.join(DIR, name);
  if (!fs.existsSync(p)) throw new Error(`no fixture ${p}`);
  return p;
}

function out() {
  if (!outDir) {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-mi-front-ends-'));
    process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
    // the test runner ends a file whose test timed out with a signal: clean up then too
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(1));
  }
  return outDir;
}

/** Compiles a C fixture with clang -g -O0 and returns the executable's path. */
function compile(name) {
  const exe = path.join(out(), name.replace(/[^A-Za-z0-9_]/g, '_'));
  if (!fs.existsSync(exe)) {
    execFileSync('clang', ['-g', '-O0', '-o', exe, source(name)], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  }
  return exe;
}

/** The 1-based line of the comment `BREAK: marker` in a fixture. */
function line(name, marker) {
  const lines = fs.readFileSync(source(name), 'utf8').split('\n');
  const re = new RegExp(`BREAK: ${marker}(?![A-Za-z0-9_])`);
  const i = lines.findIndex(l => re.test(l));
  if (i < 0) throw new Error(`no marker '${marker}' in ${name}`);
  return i + 1;
}

module.exports = { ROOT, source, compile, line, tempDir: out };
