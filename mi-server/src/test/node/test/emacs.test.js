'use strict';
// Emacs's own gdb front end (M-x gdb, gdb-mi.el, unmodified) in batch mode with
// `hindsight-gdb -i=mi PROGRAM` as its command line, and the same session with real gdb, whose
// buffers show the expectations are gdb's: a breakpoint set from the source buffer, run, next,
// and the locals, breakpoints, stack and threads buffers after each stop.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const fx = require('../lib/fixtures');
const { debuggers, TIMEOUT } = require('../lib/frontend');
const { emacsSession, rows } = require('../lib/emacs');

const LOCKSTEP = 'lockstep.c';

/** The line of the first statement containing `text` (the fixture has no marker after `fib`). */
function lineOf(name, text) {
  const i = fs.readFileSync(fx.source(name), 'utf8').split('\n').findIndex(l => l.includes(text));
  assert.ok(i >= 0, `no '${text}' in ${name}`);
  return i + 1;
}

for (const gdb of debuggers()) {
  test.describe(`Emacs gdb-mi with ${gdb.name}`, { timeout: 5 * TIMEOUT }, () => {
    test.it('break from the source buffer, run, next twice: frame, locals, breakpoints, stack, threads', async () => {
      const src = fx.source(LOCKSTEP);
      const bp = fx.line(LOCKSTEP, 'scale');
      const stops = await emacsSession(gdb, { program: fx.compile(LOCKSTEP), source: src, line: bp, nexts: 2 });
      assert.deepStrictEqual(stops.map(s => s.title), ['breakpoint', 'next 1', 'next 2']);
      const lines = [bp, lineOf(LOCKSTEP, 'long f = fib(10);'), lineOf(LOCKSTEP, 'char *copy = malloc(32);')];
      assert.deepStrictEqual(stops.map(s => s.frame[0]), lines.map(l => `${src}:${l}`));
      assert.deepStrictEqual(stops.map(s => s.stack), lines.map(l => [`0 in main of ${src}:${l}`]));

      // the locals buffer: type, name, value (a struct has no simple value; the others are not set yet but f)
      const locals = stops.map(s => s.locals.map(l => l.replace(/\s+/g, ' ').trim()));
      const starts = ['struct point p <complex data type>', 'long f ', 'char * copy ', 'size_t n ', 'double d '];
      for (const l of locals) assert.deepStrictEqual(l.map((x, i) => x.startsWith(starts[i])), starts.map(() => true), l.join('\n'));
      assert.strictEqual(locals[2][1], 'long f 55');
      assert.notStrictEqual(locals[1][1], 'long f 55');

      // the breakpoints buffer after the stop: one hit, at the requested line of main
      for (const s of stops) {
        assert.deepStrictEqual(rows(s.breakpoints)[0], ['Num', 'Type', 'Disp', 'Enb', 'Addr', 'Hits', 'What']);
        const [num, type, disp, enb, addr, hits, ...what] = rows(s.breakpoints)[1];
        assert.deepStrictEqual([num, type, disp, enb, hits, what.join(' ')], ['1', 'breakpoint', 'keep', 'y', '1', `in main of ${src}:${bp}`]);
        assert.match(addr, /^0x[0-9a-f]{16}$/);
      }
      // the threads buffer: thread 1 stopped in main at the stop's line
      stops.forEach((s, i) => assert.match(s.threads.join('\n'),
        new RegExp(`^1 Thread 0x[0-9a-f]+ \\(LWP \\d+\\) stopped in main \\(argc=1,argv=0x[0-9a-f]+\\) of ${src.replace(/[.]/g, '\\.')}:${lines[i]}$`)));
    });
  });
}
