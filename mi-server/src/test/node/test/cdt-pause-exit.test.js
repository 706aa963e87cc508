'use strict';
// cdt-gdb-adapter (unmodified) over bin/hindsight-gdb and over gdb: pausing an endless loop, and
// a program's exit code as the adapter's debug console shows it (gdb's words, the code in octal).
const test = require('node:test');
const assert = require('node:assert');
const fx = require('../lib/fixtures');
const { debuggers, startAdapter, launch, stopped, locals, printed, stop, TIMEOUT } = require('../lib/frontend');

for (const gdb of debuggers()) {
  test.describe(`cdt-gdb-adapter with ${gdb.name}`, { timeout: 10 * TIMEOUT }, () => {
    test.it('pauses an endless loop where it spins', async () => {
      const dc = await startAdapter();
      try {
        await launch(dc, gdb, fx.compile('endless.c'));
        // a pause that comes while the dynamic loader still runs stops there: go on until the loop
        let s = await stopped(dc, () => dc.pauseRequest({ threadId: 1 }));
        for (let tries = 0; s.top.name !== 'main' && tries < 20; tries++) {
          await dc.continueRequest({ threadId: s.threadId });
          s = await stopped(dc, () => dc.pauseRequest({ threadId: s.threadId }));
        }
        assert.deepStrictEqual([s.reason, s.top.name, s.top.line], ['SIGINT', 'main', fx.line('endless.c', 'spin')]);
        assert.deepStrictEqual(await locals(dc, s.top.id), {});
      } finally {
        await stop(dc);
      }
    });

    test.it('shows the exit code, in octal as gdb does', async () => {
      const dc = await startAdapter();
      try {
        // lockstep.c exits with (strlen("lockstep") + fib(10)) & 0x7f = 63
        await Promise.all([dc.waitForEvent('terminated'), launch(dc, gdb, fx.compile('lockstep.c'))]);
        // (the program's output reaches the adapter in pieces: with gdb, its MI parser takes the
        // leading "6" for a token)
        assert.match(dc.output.join(''), / 8 55 8 18\.333\n/);
        assert.ok(printed(dc, /^\[Inferior 1 \(process \d+\) exited with code 077\]\n$/), JSON.stringify(dc.output));
      } finally {
        await stop(dc);
      }
    });
  });
}
