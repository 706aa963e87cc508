'use strict';
// The launch attribute justMyCode ("my code only" stepping): off unless given, so a DAP client
// gets gdb's stepping; on, line steps never stop in libc, the loader or a PLT stub.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { atLine } = require('../lib/scenarios');

const T = { timeout: 120000 };
const FIXTURE = 'my_code.c';
const line = marker => fixtures.line(FIXTURE, marker);

test('justMyCode: stepIn over qsort stops in the program\'s comparator it calls back', T, async t => {
  const s = await atLine(t, FIXTURE, 'qsort', { launch: { justMyCode: true } });
  await s.step('stepIn');
  const top = await s.top();
  assert.match(top.name, /^compare\b/);
  assert.equal(top.line, line('compare'));
});

test('without justMyCode (the default) stepIn steps over qsort, as gdb\'s step does without libc\'s lines', T, async t => {
  const s = await atLine(t, FIXTURE, 'qsort');
  await s.step('stepIn');
  const top = await s.top();
  assert.match(top.name, /^main\b/);
  assert.equal(top.line, line('print'));
});

test('justMyCode: stepOut of main runs to the program\'s end', T, async t => {
  const s = await atLine(t, FIXTURE, 'return', { launch: { justMyCode: true } });
  await s.request('stepOut', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 0);
  assert.ok(!s.events.some(e => e.event === 'stopped' && !e.consumed), 'no stop after main');
});

test('without justMyCode stepOut of main stops in the C library that called it', T, async t => {
  const s = await atLine(t, FIXTURE, 'return', { launch: { justMyCode: false } });
  await s.step('stepOut');
  assert.doesNotMatch((await s.top()).name, /^main\b/);
});
