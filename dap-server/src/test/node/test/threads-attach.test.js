'use strict';
// Threads and attach from a real DAP client: thread events, the threads request, breakpoints hit
// in worker threads, data breakpoints of every size, and attaching to a running process by pid.
const test = require('node:test');
const assert = require('assert/strict');
const { spawn } = require('child_process');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atEntry } = require('../lib/scenarios');
const { cpuTicks, tracerPid, until } = require('../lib/proc');

const T = { timeout: 120000 };

test('worker threads: thread events, threads request, a breakpoint hit in each worker', T, async t => {
  const s = Session.open(t);
  const src = fixtures.source('threads.c');
  await s.launch({ program: src }, () => s.request('setBreakpoints', {
    source: { path: src }, breakpoints: [{ line: fixtures.line('threads.c', 'worker') }],
  }));
  const ids = [];
  for (let k = 0; k < 2; k++) {
    const stop = await s.stopped('breakpoint');
    const threads = (await s.request('threads')).body.threads;
    assert.ok(threads.length >= 2, `main and a worker: ${JSON.stringify(threads)}`);
    assert.ok(threads.some(th => th.id === stop.threadId));
    const top = await s.top();
    assert.match(top.name, /^work\b/);
    assert.equal(top.line, fixtures.line('threads.c', 'worker'));
    ids.push((await s.evaluate('id')).result);
    await s.request('continue', { threadId: stop.threadId });
  }
  assert.deepEqual(ids.sort(), ['1', '2']);
  assert.equal((await s.event('exited')).body.exitCode, 3);
  const started = s.events.filter(e => e.event === 'thread' && e.body.reason === 'started').map(e => e.body.threadId);
  const exited = s.events.filter(e => e.event === 'thread' && e.body.reason === 'exited').map(e => e.body.threadId);
  assert.ok(new Set(started).size >= 3, `thread started events: ${started}`);
  assert.ok(exited.length >= 2, `thread exited events: ${exited}`);
});

test('data breakpoints of 1, 2, 4 and 8 bytes each stop after their write', T, async t => {
  const s = await atEntry(t, 'sizes.c');
  const globals = await s.scope('Globals');
  const bps = [];
  for (const name of ['one', 'two', 'four', 'eight']) {
    const info = (await s.request('dataBreakpointInfo', { variablesReference: globals.variablesReference, name })).body;
    assert.ok(info.dataId, `${name}: ${JSON.stringify(info)}`);
    bps.push({ dataId: info.dataId, accessType: 'write' });
  }
  const set = (await s.request('setDataBreakpoints', { breakpoints: bps })).body.breakpoints;
  assert.ok(set.every(b => b.verified), JSON.stringify(set));
  for (const [k, name] of ['one', 'two', 'four', 'eight'].entries()) {
    const stop = await s.step('continue', {}, 'data breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [set[k].id], `${name}`);
    assert.equal((await s.evaluate(name)).result.replace(/ .*/, ''), String(2 ** k));
  }
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 15);
});

test('attach to a running process by pid, inspect it, detach and leave it running', T, async t => {
  const exe = fixtures.compile('ticker.c');
  const program = spawn(exe, [], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => program.kill('SIGKILL'));
  await new Promise(resolve => program.stdout.once('data', resolve));
  const s = Session.open(t);
  await s.launch({ pid: program.pid }, async () => {}, 'attach');
  // attaching stops the process and says so (as the Java SessionTest checks too)
  const stop = await s.stopped('pause');
  assert.equal(stop.threadId, program.pid, 'its main thread stopped');
  assert.ok(tracerPid(program.pid) > 0, 'attached: it is traced');
  const top = await s.top();
  assert.match(top.name, /^main\b/);
  assert.equal(top.line, fixtures.line('ticker.c', 'spin'));
  const r = await s.request('disconnect', { terminateDebuggee: false });
  assert.equal(r.command, 'disconnect');
  await until('the adapter to let go of the process', () => tracerPid(program.pid) === 0);
  // it runs on: its endless loop keeps using CPU time, which a stopped process does not
  const ticks = cpuTicks(program.pid);
  await until('the detached process to run on', () => cpuTicks(program.pid) > ticks);
  assert.equal(program.exitCode, null, 'the process runs on after detach');
});
