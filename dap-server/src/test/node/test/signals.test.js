'use strict';
// Signals as DAP exception breakpoint filters: each fault signal (and the others the debugger
// stops for) stops the program by default; a filter switched off by setExceptionBreakpoints
// passes its signal to the program without a stop, so the program meets the fate it meets without
// a debugger (the oracle: the same executable run directly).
const test = require('node:test');
const assert = require('assert/strict');
const os = require('os');
const { spawnSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');

const T = { timeout: 300000 };
const FAULTS = { segv: 'SIGSEGV', fpe: 'SIGFPE', abort: 'SIGABRT', ill: 'SIGILL', bus: 'SIGBUS' };
const ALL = ['SIGSEGV', 'SIGFPE', 'SIGABRT', 'SIGILL', 'SIGBUS', 'other'];

/** A launch of faults.c with `arg`, the exception filters set to `filters` (undefined: not sent). */
async function run(t, arg, filters) {
  const s = Session.open(t);
  await s.launch({ program: fixtures.compile('faults.c'), args: [arg] }, async () => {
    if (filters) await s.request('setExceptionBreakpoints', { filters });
  });
  return s;
}

test('initialize offers a filter per fault signal and one for other signals, all on by default', T, async t => {
  const s = Session.open(t);
  const caps = await s.initialize();
  const filters = caps.exceptionBreakpointFilters || [];
  assert.deepEqual(filters.map(f => f.filter).sort(), [...ALL].sort());
  for (const f of filters) {
    assert.equal(f.default, true, JSON.stringify(f));
    assert.ok(f.label, JSON.stringify(f));
  }
});

test('a fault signal stops the program unless its filter is off; then the program dies of it as without a debugger', T, async t => {
  const exe = fixtures.compile('faults.c');
  for (const [arg, signal] of Object.entries(FAULTS)) {
    const alone = spawnSync(exe, [arg]);
    assert.equal(alone.signal, signal, `without a debugger, faults ${arg} dies of ${signal}`);

    const on = await run(t, arg, ALL);
    const stop = await on.stopped('exception');
    assert.match(stop.description, new RegExp(signal), JSON.stringify(stop));
    const info = (await on.request('exceptionInfo', { threadId: stop.threadId })).body;
    assert.equal(info.exceptionId, signal, 'exceptionInfo as before');
    await on.close();

    const others = ALL.filter(f => f !== signal);
    const off = await run(t, arg, others);
    const exited = await off.event('exited');
    assert.equal(exited.body.exitCode, 128 + os.constants.signals[signal], `${signal} passed: the program died of it`);
    await off.event('terminated');
    assert.match(off.output('console'), new RegExp(`killed by ${signal}`));
    assert.ok(!off.events.some(e => e.event === 'stopped'), `no stop for ${signal} with its filter off`);
    await off.close();
  }
});

test('"other signals" covers the program\'s own int3 (SIGTRAP): off, the program runs past it', T, async t => {
  const on = await run(t, 'trap', ['other']);
  assert.match((await on.stopped('exception')).description, /SIGTRAP/);
  await on.close();
  const off = await run(t, 'trap', ['SIGSEGV']);
  assert.equal((await off.event('exited')).body.exitCode, 5, 'the program went on after its int3 and returned 5');
  assert.ok(!off.events.some(e => e.event === 'stopped'));
});

test('with no setExceptionBreakpoints at all, signals stop as before', T, async t => {
  const s = await run(t, 'segv');
  assert.match((await s.stopped('exception')).description, /SIGSEGV/);
});
