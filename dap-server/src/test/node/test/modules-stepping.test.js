'use strict';
// module events while a program is stepped one instruction at a time across mmap and munmap of a
// library (no dlopen: no loader breakpoint tells the engine), with a stackTrace at every stop as an
// editor asks: at every stop, what the adapter has told agrees with the program's memory map in
// /proc, the oracle. The engine reads the map only when a step may have changed it.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');

const T = { timeout: 180000 };
const MAIN = 'map_by_hand.c';

function library() {
  const so = path.join(fixtures.tempDir(), 'libmapped_by_hand.so');
  if (!fs.existsSync(so)) {
    execFileSync('clang', ['-g', '-O0', '-shared', '-fPIC', '-o', so, fixtures.source('pending_plugin.c')], { stdio: 'pipe' });
  }
  return so;
}

function mappedNow(pid, file) {
  return fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').some(l => l.endsWith(' ' + file));
}

test('stepped by instruction across mmap and munmap, the module events agree with /proc at every stop', T, async t => {
  const so = library();
  const exe = fixtures.compile(MAIN);
  const src = fixtures.source(MAIN);
  const s = Session.open(t);
  await s.launch({ program: exe, args: [so] }, () => s.request('setBreakpoints', {
    source: { path: src }, breakpoints: [{ line: fixtures.line(MAIN, 'map') }],
  }));
  const pid = (await s.event('thread', e => e.body.reason === 'started')).body.threadId;
  await s.stopped('breakpoint');
  /** Whether the adapter's last module event for the library (so far) said it is loaded. */
  const told = () => {
    const last = s.events.filter(e => e.event === 'module' && e.body.module.path === so).pop();
    return last !== undefined && last.body.reason === 'new';
  };
  assert.equal(mappedNow(pid, so), false);
  assert.equal(told(), false);
  const seen = [];
  for (const marker of ['mapped', 'unmapped']) {
    for (let steps = 0; ; steps++) {
      assert.ok(steps < 100000, `never reached line ${marker}`);
      await s.step('stepIn', { granularity: 'instruction' });
      const top = await s.top();
      assert.equal(told(), mappedNow(pid, so), `module events agree with /proc at ${top.name}:${top.line} (${top.instructionPointerReference})`);
      if (top.source && top.source.path === src && top.line === fixtures.line(MAIN, marker)) break;
    }
    seen.push(told());
  }
  assert.deepEqual(seen, [true, false], 'mapped on the line after mmap, gone on the line after munmap');
});
