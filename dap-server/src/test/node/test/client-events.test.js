'use strict';
// Events a client asks for in initialize: invalidated after the program's state was written
// (setVariable, setExpression, writeMemory, registers), memory after writeMemory, and progress
// events around the compilation a launch does. A client that did not ask gets none of them.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');

const T = { timeout: 120000 };
const SRC = fixtures.source('basics.c');

/** A session initialized with `features`, stopped at a marker line of basics.c. */
async function stoppedAt(t, marker, features) {
  const s = Session.open(t);
  await s.initialize(features);
  await s.launch({ program: SRC }, () => s.request('setBreakpoints', {
    source: { path: SRC }, breakpoints: [{ line: fixtures.line('basics.c', marker) }],
  }));
  await s.stopped('breakpoint');
  return s;
}

/** The address of a variable as a memoryReference. */
async function addressOf(s, name) {
  const v = await s.evaluate('&' + name);
  return v.memoryReference || v.result.match(/0x[0-9a-f]+/)[0];
}

/** The events of a type received so far; a request answered after them guarantees that all of them arrived. */
async function received(s, type) {
  await s.request('threads');
  return s.events.filter(e => e.event === type);
}

test('invalidated after setVariable, a register write, setExpression and writeMemory; memory after writeMemory', T, async t => {
  const s = await stoppedAt(t, 'call_bump', { supportsInvalidatedEvent: true, supportsMemoryEvent: true });
  const top = await s.top();
  const locals = await s.scope('Locals');
  await s.request('setVariable', { variablesReference: locals.variablesReference, name: 'sq', value: '10' });
  let e = await s.event('invalidated');
  assert.deepEqual(e.body.areas, ['variables']);
  assert.equal(e.body.threadId, s.threadId);

  const regs = await s.scope('Registers');
  await s.request('setVariable', { variablesReference: regs.variablesReference, name: 'rbx', value: '0x1234' });
  e = await s.event('invalidated');
  assert.deepEqual([...e.body.areas].sort(), ['stacks', 'variables'], 'a register write may move the frame');

  await s.request('setExpression', { expression: 'origin.x', value: '7', frameId: top.id });
  e = await s.event('invalidated');
  assert.deepEqual(e.body.areas, ['variables']);
  assert.equal(e.body.stackFrameId, top.id);

  const ref = await addressOf(s, 'sq');
  await s.request('writeMemory', { memoryReference: ref, data: Buffer.from([1, 0, 0, 0]).toString('base64') });
  e = await s.event('invalidated');
  assert.deepEqual(e.body.areas, ['variables']);
  const m = await s.event('memory');
  assert.equal(BigInt(m.body.memoryReference) + BigInt(m.body.offset), BigInt(ref));
  assert.equal(m.body.count, 4);
  assert.equal((await s.evaluate('sq')).result, '1');
});

test('a client that did not announce them gets no invalidated or memory events', T, async t => {
  const s = await stoppedAt(t, 'call_bump', { supportsInvalidatedEvent: false, supportsMemoryEvent: false });
  const locals = await s.scope('Locals');
  await s.request('setVariable', { variablesReference: locals.variablesReference, name: 'sq', value: '10' });
  const ref = await addressOf(s, 'sq');
  await s.request('writeMemory', { memoryReference: ref, data: Buffer.from([1, 0, 0, 0]).toString('base64') });
  assert.deepEqual(await received(s, 'invalidated'), []);
  assert.deepEqual(await received(s, 'memory'), []);
});

test('progress events around the launch\'s compilation, also when it fails; none unasked', T, async t => {
  const s = Session.open(t);
  await s.initialize({ supportsProgressReporting: true });
  await s.launch({ program: SRC });
  const start = await s.event('progressStart');
  assert.match(start.body.title, /basics\.c/);
  const update = await s.event('progressUpdate');
  const end = await s.event('progressEnd');
  assert.ok(start.body.progressId);
  assert.equal(update.body.progressId, start.body.progressId);
  assert.equal(end.body.progressId, start.body.progressId);
  assert.equal(end.body.message, 'compiled');
  assert.ok(s.events.indexOf(start) < s.events.indexOf(update) && s.events.indexOf(update) < s.events.indexOf(end));

  const broken = Session.open(t);
  await broken.initialize({ supportsProgressReporting: true });
  const r = await broken.raw('launch', { program: fixtures.source('broken.c') });
  assert.equal(r.success, false);
  const started = await broken.event('progressStart');
  const ended = await broken.event('progressEnd');
  assert.equal(ended.body.progressId, started.body.progressId, 'a compile error still ends the progress');
  assert.match(ended.body.message, /fail/);

  const quiet = Session.open(t);
  await quiet.initialize({});
  await quiet.launch({ program: SRC });
  await quiet.event('exited');
  assert.deepEqual(quiet.events.filter(e => /^progress/.test(e.event)), []);
});
