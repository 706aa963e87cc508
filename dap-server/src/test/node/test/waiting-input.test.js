'use strict';
// The custom event hindsight/waitingForInput: while the program runs blocked in read(0, …) (the
// kernel's /proc/PID/task/TID/syscall says so, independently of the adapter's own view) the
// client is told {waiting: true}; once a line is written to its stdin, {waiting: false}, before the
// program goes on to end. A program that never reads is never said to wait.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const { Session } = require('../lib/session');
const fixtures = require('../lib/fixtures');
const { until } = require('../lib/proc');

const T = { timeout: 120000 };
const EVENT = 'hindsight/waitingForInput';

/** True when a thread of pid is blocked in read on fd 0, as the kernel reports it. */
function blockedReadingStdin(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).some(tid =>
      /^0 0x0 /.test(fs.readFileSync(`/proc/${pid}/task/${tid}/syscall`, 'utf8')));
  } catch { return false; }
}

test('a program blocked reading stdin is said to wait for input, and no longer once a line is written', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('terminal_io.c') });
  const waiting = await s.event(EVENT);
  assert.deepEqual(waiting.body, { waiting: true });
  const pid = (await s.request('threads')).body.threads[0].id;
  assert.ok(blockedReadingStdin(pid), `the kernel says thread ${pid} reads fd 0`);
  await s.request('writeStdin', { text: 'typed\n' });
  assert.deepEqual((await s.event(EVENT)).body, { waiting: false });
  assert.equal((await s.event('exited')).body.exitCode, 7);
  await s.outputContaining('stdout', 'read: typed\n');
});

test('stopped at a breakpoint, then continued into the read: the wait is told after the continue', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('terminal_io.c'), stopOnEntry: true });
  await s.stopped('entry');
  assert.equal(s.events.filter(e => e.event === EVENT).length, 0, 'not waiting while stopped');
  await s.request('continue', { threadId: (await s.request('threads')).body.threads[0].id });
  assert.deepEqual((await s.event(EVENT)).body, { waiting: true });
  await s.request('pause', { threadId: (await s.request('threads')).body.threads[0].id });
  // Told no longer waiting before the stop: the program is not running at all.
  const next = await s.event([EVENT, 'stopped']);
  assert.equal(next.event, EVENT);
  assert.deepEqual(next.body, { waiting: false });
  await s.stopped('pause');
});

test('a program that never reads is never said to wait', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('basics.c') });
  await s.event('terminated');
  assert.equal(s.events.filter(e => e.event === EVENT).length, 0);
});

test('a breakpoint set while the program waits for input does not end the wait', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('terminal_io.c') });
  assert.deepEqual((await s.event(EVENT)).body, { waiting: true });
  // The adapter pauses the program to insert it and resumes it at once (no stopped event): the
  // program is still blocked in its read, so nothing changes for the client.
  const line = fixtures.line('terminal_io.c', 'bye');
  await s.request('setBreakpoints', { source: { path: fixtures.source('terminal_io.c') }, breakpoints: [{ line }] });
  await s.request('threads');
  await s.request('threads');
  const pid = (await s.request('threads')).body.threads[0].id;
  await until('the program blocked in read again after the breakpoint', () => blockedReadingStdin(pid));
  assert.deepEqual(s.events.filter(e => e.event === EVENT).map(e => e.body.waiting), [true], 'still waiting, as told');
  await s.request('writeStdin', { text: 'typed\n' });
  assert.deepEqual((await s.event(EVENT)).body, { waiting: false });
  await s.stopped('breakpoint');
});
