'use strict';
// Emacs's own gdb front end (M-x gdb, gdb-mi.el, unmodified) in batch mode with
// `hindsight-gdb -i=mi PROGRAM` as its command line, and the same session with real gdb, whose
// buffers show the expectations are gdb's: a breakpoint set from the source buffer, run, next,
// until and jump from the source buffer, and the locals, breakpoints, stack, threads and memory
// buffers after each stop.
const test = require('node:test');
const assert = require('node:assert');
const fx = require('../lib/fixtures');
const { debuggers, TIMEOUT } = require('../lib/frontend');
const { emacsSession, rows } = require('../lib/emacs');

const LOCKSTEP = 'lockstep.c';

for (const gdb of debuggers()) {
  test.describe(`Emacs gdb-mi with ${gdb.name}`, { timeout: 5 * TIMEOUT }, () => {
    test.it('break from the source buffer, run, next, until, jump: frame, locals, breakpoints, stack, threads, memory', async () => {
      const src = fx.source(LOCKSTEP);
      const bp = fx.line(LOCKSTEP, 'scale');
      const [fib, malloc, strcpy, strlen, d] = ['long f = fib(10);', 'char *copy = malloc(32);', 'strcpy(copy',
        'size_t n = strlen(copy);', 'double d = '].map(t => fx.lineOf(LOCKSTEP, t));
      // gud-until runs to the `double d` line; gud-jump (tbreak + jump) goes back to strcpy's
      // line, which stops there at once; next then runs strcpy again
      const steps = ['next', 'next', `until:${d}`, `jump:${strcpy}`, 'next'];
      const stops = await emacsSession(gdb, { program: fx.compile(LOCKSTEP), source: src, line: bp, steps });
      assert.deepStrictEqual(stops.map(s => s.title), ['breakpoint', ...steps]);
      const lines = [bp, fib, malloc, d, strcpy, strlen];
      assert.deepStrictEqual(stops.map(s => s.frame[0]), lines.map(l => `${src}:${l}`));
      assert.deepStrictEqual(stops.map(s => s.stack), lines.map(l => [`0 in main of ${src}:${l}`]));

      // the locals buffer: type, name, value (a struct has no simple value; f, copy, n are set as
      // the program goes)
      const locals = stops.map(s => s.locals.map(l => l.replace(/\s+/g, ' ').trim()));
      const starts = ['struct point p <complex data type>', 'long f ', 'char * copy ', 'size_t n ', 'double d '];
      for (const l of locals) assert.deepStrictEqual(l.map((x, i) => x.startsWith(starts[i])), starts.map(() => true), l.join('\n'));
      assert.notStrictEqual(locals[1][1], 'long f 55');
      assert.strictEqual(locals[2][1], 'long f 55');
      assert.match(locals[3][2], /^char \* copy 0x[0-9a-f]+ "lockstep"$/);
      assert.strictEqual(locals[3][3], 'size_t n 8');
      assert.deepStrictEqual(locals[5], locals[3]);

      // the memory buffer (-data-read-memory &p d 4 1 2): p before and after scale doubles it
      assert.deepStrictEqual(stops.map(s => rows(s.memory).map(r => r.slice(1))),
        [[['3', '4']], ...lines.slice(1).map(() => [['6', '8']])]);
      for (const s of stops) assert.match(s.memory[0], /^0x[0-9a-f]{16}: /);

      // the breakpoints buffer: one hit, at the requested line of main; gud-jump's tbreak is gone
      for (const s of stops) {
        assert.deepStrictEqual(rows(s.breakpoints)[0], ['Num', 'Type', 'Disp', 'Enb', 'Addr', 'Hits', 'What']);
        assert.strictEqual(s.breakpoints.length, 2, s.breakpoints.join('\n'));
        const [num, type, disp, enb, addr, hits, ...what] = rows(s.breakpoints)[1];
        assert.deepStrictEqual([num, type, disp, enb, hits, what.join(' ')], ['1', 'breakpoint', 'keep', 'y', '1', `in main of ${src}:${bp}`]);
        assert.match(addr, /^0x[0-9a-f]{16}$/);
      }
      // the threads buffer: thread 1 stopped in main at the stop's line
      stops.forEach((s, i) => assert.match(s.threads.join('\n'),
        new RegExp(`^1 Thread 0x[0-9a-f]+ \\(LWP \\d+\\) stopped in main \\(argc=1,argv=0x[0-9a-f]+\\) of ${src.replace(/[.]/g, '\\.')}:${lines[i]}$`)));
    });

    test.it('step into a function, up, down (gud-up/gud-down: -stack-info-frame --thread), finish', async () => {
      const src = fx.source(LOCKSTEP);
      const bp = fx.line(LOCKSTEP, 'scale');
      const [inScale, fib] = ['p->x *= k;', 'long f = fib(10);'].map(t => fx.lineOf(LOCKSTEP, t));
      const steps = ['step', 'up', 'down', 'finish'];
      const stops = await emacsSession(gdb, { program: fx.compile(LOCKSTEP), source: src, line: bp, steps });
      assert.deepStrictEqual(stops.map(s => s.title), ['breakpoint', ...steps]);
      // up selects main's frame, at the call's line; finish comes back after the call
      const lines = [bp, inScale, bp, inScale, fib];
      assert.deepStrictEqual(stops.map(s => s.frame[0]), lines.map(l => `${src}:${l}`));
      const inScaleStack = [`0 in scale of ${src}:${inScale}`, `1 in main of ${src}:${bp}`];
      assert.deepStrictEqual(stops.map(s => s.stack),
        [[`0 in main of ${src}:${bp}`], inScaleStack, inScaleStack, inScaleStack, [`0 in main of ${src}:${fib}`]]);
      // the locals buffer (-stack-list-locals) follows the selected frame: scale has only
      // arguments, main its five locals after up
      const locals = stops.map(s => s.locals.map(l => l.replace(/\s+/g, ' ').trim()));
      assert.deepStrictEqual([locals[1], locals[3]], [[], []]);
      assert.strictEqual(locals[2][0], 'struct point p <complex data type>');
      assert.strictEqual(locals[2].length, 5);
      // the memory buffer reads &p in the selected frame: main's p, before scale ran
      assert.deepStrictEqual(rows(stops[2].memory).map(r => r.slice(1)), [['3', '4']]);
      assert.deepStrictEqual(rows(stops[4].memory).map(r => r.slice(1)), [['6', '8']]);
    });
  });
}
