'use strict';
// Fixture programs, compiled by the real clang into a temporary directory that is removed when the
// test process exits, and the `// BREAK: name` marker lines tests use instead of hard-coded line
// numbers. The DAP suite's programs are under ../fixtures and, shared with dap-server's Java tests,
// src/test/resources/programs, and the engine's shared ones in tracer/src/test/resources/programs; other node suites (mi-server's) take the same helpers for their
// own directories through `forDirectories`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

/** The helpers below over fixtures looked up in `dirs` (first match wins), built under a `tmpPrefix` directory. */
function forDirectories(dirs, tmpPrefix) {
let outDir;

function source(name) {
  const p = dirs.map(d => path.join(d, name)).find(f => fs.existsSync(f));
  if (!p) throw new Error(`no fixture ${name} in ${dirs.join(', ')}`);
  return p;
}

function out() {
  if (!outDir) {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
    // the test runner ends a file whose test timed out with a signal: clean up then too
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(1));
  }
  return outDir;
}

/** Compiles a fixture with -g -O0 (plus flags) and returns the executable's path. */
function compile(name, flags = []) {
  const exe = path.join(out(), name.replace(/[^A-Za-z0-9_]/g, '_') + flags.join('').replace(/[^A-Za-z0-9_]/g, '_'));
  if (fs.existsSync(exe)) return exe;
  const cc = /\.(cpp|cc)$/.test(name) ? 'clang++' : 'clang';
  const asmStart = /\.[sS]$/.test(name) && fs.readFileSync(source(name), 'utf8').includes('_start');
  execFileSync(cc, ['-g', '-O0', ...(asmStart ? ['-nostdlib', '-static'] : []), ...flags, '-o', exe, source(name)],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  return exe;
}

/** Compiles fixtures with their own flags (e.g. one without -g) and links them into one executable. */
function link(outName, units) {
  const exe = path.join(out(), outName);
  if (fs.existsSync(exe)) return exe;
  const objects = units.map(([name, flags], k) => {
    const o = path.join(out(), `${outName}-${k}.o`);
    execFileSync('clang', ['-c', '-O0', ...flags, '-o', o, source(name)], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
    return o;
  });
  execFileSync('clang', ['-o', exe, ...objects], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
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

return { source, compile, link, line, tempDir: out };
}

module.exports = {
  // and the engine's (tracer's) fixtures, shared by every module's tests
  ...forDirectories([path.resolve(__dirname, '..', 'fixtures'), path.resolve(__dirname, '../../resources/programs'),
    path.resolve(__dirname, '../../../../../tracer/src/test/resources/programs')],
    'hindsight-dap-tests-'),
  forDirectories,
};
