'use strict';
// Emacs's dap-mode (Debian's elpa-dap-mode 0.7, unmodified) in batch mode, configured with the
// provider and template the README gives (misc/editors/hindsight-dap-mode.el): a breakpoint added
// in the source buffer, dap-debug with the template from that buffer, the stop, the frame dap-mode selects and the locals it asks
// for, dap-next, dap-disconnect. gdb on the same binary is the oracle for the lines and values.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { execFile, execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const gdb = require('../lib/gdb');
const { ROOT, adapterCommand } = require('../lib/adapter');

const SCRIPT = path.join(__dirname, '..', 'lib', 'emacs-dap-mode.el');
const CONFIG = path.join(ROOT, 'misc', 'editors', 'hindsight-dap-mode.el');
const T = { timeout: 300000 };

/** Runs the session and resolves to its stops: `{ title, frame, window, breakpoints, locals }`. */
function dapModeSession({ source, line, locals }) {
  const env = { ...process.env, DAP_CONFIG: CONFIG, DAP_COMMAND: JSON.stringify(adapterCommand()),
    DAP_SOURCE: source, DAP_LINE: String(line), DAP_LOCALS: locals.join(' ') };
  return new Promise((resolve, reject) => {
    execFile('emacs', ['-Q', '--batch', '-l', SCRIPT], { env, timeout: T.timeout - 30000, cwd: path.dirname(source) },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`emacs failed (${err.code || err.signal}):\n${stdout}\n${stderr}`));
        resolve(parse(stdout));
      });
  });
}

function parse(text) {
  const stops = [];
  for (const l of text.split('\n')) {
    const title = /^=== (.*)$/.exec(l);
    if (title) {
      stops.push({ title: title[1], breakpoints: [], locals: {} });
      continue;
    }
    const s = stops[stops.length - 1];
    const [key, ...rest] = l.split(' ');
    const value = rest.join(' ');
    if (key === 'local') {
      const eq = value.indexOf('=');
      s.locals[value.slice(0, eq)] = value.slice(eq + 1);
    } else if (key === 'breakpoint') s.breakpoints.push(value);
    else if (s && key) s[key] = value;
  }
  return stops;
}

test('Emacs dap-mode: breakpoint from the buffer, dap-debug, locals, dap-next, dap-disconnect', T, async () => {
  const name = 'basics.c';
  // the template debugs the executable beside the buffer's file, named like it without extension
  const dir = fs.mkdtempSync(path.join(fixtures.tempDir(), 'dap-mode-'));
  const src = path.join(dir, name);
  const exe = path.join(dir, 'basics');
  fs.copyFileSync(fixtures.source(name), src);
  execFileSync('clang', ['-g', '-O0', '-o', exe, src], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  const line = fixtures.line(name, 'call_bump');
  const locals = ['sq', 'local_value'];
  // gdb from main, one `next` at a time, to the breakpoint's line and one line further
  const theirs = await gdb.next(exe, { env: { PATH: '/usr/bin:/bin' }, cwd: path.dirname(exe), count: 12 });
  const at = theirs.findIndex(s => s.line === line);
  assert.ok(at >= 0 && at + 1 < theirs.length, JSON.stringify(theirs.map(s => s.line)));
  const [atBreak, afterNext] = [theirs[at], theirs[at + 1]];

  const stops = await dapModeSession({ source: src, line, locals });
  assert.deepEqual(stops.map(s => s.title), ['breakpoint', 'next', 'disconnected']);
  [atBreak, afterNext].forEach((expected, i) => {
    const s = stops[i];
    assert.equal(s.frame, `${src}:${expected.line} main`, s.title);
    assert.equal(s.window, `${src}:${expected.line}`, s.title);
    assert.deepEqual(s.breakpoints, [`${line} verified t`], s.title);
    assert.deepEqual(s.locals, Object.fromEntries(locals.map(n => [n, expected.locals[n]])), s.title);
  });
  assert.equal(stops[2].state, 'terminated');
});

test('the README gives the dap-mode configuration this test loads', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(fs.readFileSync(CONFIG, 'utf8')), 'README.md quotes misc/editors/hindsight-dap-mode.el');
});
