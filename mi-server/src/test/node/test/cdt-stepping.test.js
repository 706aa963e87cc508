'use strict';
// A real front end's session: cdt-gdb-adapter (from npm, unmodified) with bin/hindsight-gdb as its
// gdb, and the same session with real gdb, whose answers show the expectations are gdb's.
const test = require('node:test');
const assert = require('node:assert');
const fx = require('../lib/fixtures');
const { debuggers, startAdapter, launch, stopped, locals, printed, stop, TIMEOUT } = require('../lib/frontend');

const HELLO = 'hello.c';

for (const gdb of debuggers()) {
  test.describe(`cdt-gdb-adapter with ${gdb.name}`, { timeout: 10 * TIMEOUT }, () => {
    test.it('line and function breakpoints, locals, step over, step in, step out, exit', async () => {
      const dc = await startAdapter();
      try {
        const src = fx.source(HELLO);
        const loop = fx.line(HELLO, 'loop');
        const add = fx.line(HELLO, 'add');
        let lineBp, funcBp;
        let s = await launch(dc, gdb, fx.compile(HELLO), async () => {
          lineBp = (await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: loop }] })).body.breakpoints;
          funcBp = (await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'add' }] })).body.breakpoints;
        }, true);
        assert.deepStrictEqual(lineBp.map(b => [b.verified, b.line]), [[true, loop]]);
        assert.deepStrictEqual(funcBp.map(b => b.verified), [true]);

        assert.deepStrictEqual([s.reason, s.top.name, s.top.line, s.top.source.path], ['breakpoint', 'main', loop, src]);
        const first = await locals(dc, s.top.id);
        assert.deepStrictEqual([first.total, first.i, first.argc], ['0', '0', '1']);

        s = await stopped(dc, () => dc.continueRequest({ threadId: s.threadId }));
        assert.deepStrictEqual([s.reason, s.top.name, s.top.line], ['function breakpoint', 'add', add]);
        assert.deepStrictEqual(s.frames.map(f => f.name), ['add', 'main']);
        const inAdd = await locals(dc, s.top.id);
        assert.deepStrictEqual([inAdd.a, inAdd.b], ['0', '0']);

        s = await stopped(dc, () => dc.stepOutRequest({ threadId: s.threadId }));
        assert.deepStrictEqual([s.reason, s.top.name, s.top.line], ['step', 'main', loop]);

        // step over to the next iteration's call: `total = add(total, i)` with i = 1
        await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
        await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [] });
        do {
          s = await stopped(dc, () => dc.nextRequest({ threadId: s.threadId }));
          assert.deepStrictEqual([s.reason, s.top.name], ['step', 'main']);
        } while (s.top.line !== loop);
        assert.deepStrictEqual((await locals(dc, s.top.id)).i, '1');

        s = await stopped(dc, () => dc.stepInRequest({ threadId: s.threadId }));
        assert.deepStrictEqual([s.reason, s.top.name, s.top.line], ['step', 'add', add]);
        assert.deepStrictEqual(Object.entries(await locals(dc, s.top.id)).sort(), [['a', '0'], ['b', '1']]);

        await Promise.all([dc.waitForEvent('terminated'), dc.continueRequest({ threadId: s.threadId })]);
        assert.match(dc.output.join(''), /hello 3\n/);
        assert.ok(printed(dc, /^\[Inferior 1 \(process \d+\) exited normally\]\n$/), JSON.stringify(dc.output));
      } finally {
        await stop(dc);
      }
    });
  });
}
