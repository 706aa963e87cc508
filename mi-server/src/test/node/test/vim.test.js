'use strict';
// Vim's termdebug (unmodified, prompt mode: g:termdebug_use_prompt = 1, g:termdebugger set to the
// debugger) run headless with bin/hindsight-gdb, and the same session with real gdb, whose
// answers show the expectations are gdb's: :Break on a line, :Run, :Step, :Finish, :Until, :Over,
// :Evaluate.
const test = require('node:test');
const assert = require('node:assert');
const fx = require('../lib/fixtures');
const { debuggers, TIMEOUT } = require('../lib/frontend');
const { vimSession } = require('../lib/vim');

const LOCKSTEP = 'lockstep.c';

for (const gdb of debuggers()) {
  test.describe(`Vim termdebug with ${gdb.name}`, { timeout: 5 * TIMEOUT }, () => {
    test.it(':Break, :Run, :Step, :Finish, :Until, :Over, :Evaluate: the current-line and breakpoint signs, the value, the gdb window', async () => {
      const src = fx.source(LOCKSTEP);
      const bp = fx.line(LOCKSTEP, 'scale');
      const [inScale, fib, strcpy, strlen] = ['p->x *= k;', 'long f = fib(10);', 'strcpy(copy', 'size_t n = strlen(copy);']
        .map(t => fx.lineOf(LOCKSTEP, t));
      // :Step into scale, :Finish back to main (the call's line is done: the next line), :Until
      // strcpy's line two lines on (-exec-until FILE:LINE), :Over
      const steps = ['step', 'finish', `until:${strcpy}`, 'over'];
      const sections = await vimSession(gdb, { program: fx.compile(LOCKSTEP), source: src, line: bp, steps, evaluate: 'f' });
      const titles = sections.map(s => s.title);
      assert.deepStrictEqual(titles, [...['breakpoint', ...steps].flatMap(t => [t, 'pc', 'breakpoints']), 'messages', 'gdb window']);
      const lines = [bp, inScale, fib, strcpy, strlen];
      const pcs = sections.filter(s => s.title === 'pc').map(s => s.lines);
      assert.deepStrictEqual(pcs, lines.map(l => [`${src}:${l}`]));
      for (const s of sections.filter(x => x.title === 'breakpoints')) assert.deepStrictEqual(s.lines, [`${src}:${bp}`]);

      const messages = sections.find(s => s.title === 'messages').lines;
      assert.ok(messages.includes(`Breakpoint 1 created at line ${bp}.`), messages.join('\n'));
      assert.strictEqual(messages[messages.length - 1], '"f": 55');

      // the gdb window: termdebug's start-up commands raised no error; the breakpoint stop is
      // described with its source line, the MI steps (-exec-step, -exec-finish, -exec-until,
      // -exec-next) print nothing there
      const win = sections.find(s => s.title === 'gdb window').lines;
      assert.deepStrictEqual(win.filter(l => /Undefined|No symbol|error/i.test(l)), []);
      const stop = win.findIndex(l => l.startsWith('Breakpoint 1, main (argc=1, argv=0x'));
      assert.ok(stop >= 0, win.join('\n'));
      assert.match(win[stop], new RegExp(`\\) at .*lockstep\\.c:${bp}$`));
      assert.deepStrictEqual(win.slice(stop + 1), [`${bp}\t    scale(&p, argc + 1); // BREAK: scale`]);
    });
  });
}
