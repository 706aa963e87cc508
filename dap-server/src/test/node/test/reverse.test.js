'use strict';
// Reverse execution from a real DAP client on a recorded and built run of dap_travel_loop.c (its
// loop's values known by hand: iteration i adds i*i+1 to total, 0 1 3 8 18 before each addition).
// The oracle for going back is going forwards in the same session: the stops of next, continue
// and a data breakpoint, read backwards.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atEntry } = require('../lib/scenarios');
const { record } = require('../lib/recording');

const T = { timeout: 300000 };
const FIXTURE = 'dap_travel_loop.c';
const file = fixtures.source(FIXTURE);
const line = marker => fixtures.line(FIXTURE, marker);

/** A session on the built recording, stopped at main. */
async function onRecording(t) {
  const s = Session.open(t);
  await s.launch({ trace: record(FIXTURE), stopOnEntry: true });
  await s.stopped('entry');
  return s;
}

async function time(s) {
  return (await s.request('stopState', { levels: 1 })).body.time;
}

/** Where the program is: time, line and pc. */
async function place(s) {
  const top = await s.top();
  return { time: await time(s), line: top.line, pc: top.instructionPointerReference, name: top.name };
}

async function failure(s, command, args) {
  const r = await s.raw(command, args);
  assert.equal(r.success, false, `${command} should fail: ${JSON.stringify(r)}`);
  return r.message;
}

test('a built trace announces stepBack; stepBack by line and by instruction retrace next', T, async t => {
  const s = await onRecording(t);
  const caps = (await s.event('capabilities')).body.capabilities;
  assert.equal(caps.supportsStepBack, true);
  assert.equal(caps.supportsGotoTargetsRequest, true);
  for (const granularity of ['line', 'instruction']) {
    const start = await place(s);
    const forward = [start];
    for (let k = 0; k < 60; k++) {
      await s.step('next', { granularity });
      const p = await place(s);
      if (!/^main\b/.test(p.name)) break;
      forward.push(p);
    }
    await s.step('hindsight/goto', { time: forward[forward.length - 1].time }, 'goto');
    for (let k = forward.length - 2; k >= 0; k--) {
      await s.step('stepBack', { granularity });
      assert.deepEqual(await place(s), forward[k], `stepBack (${granularity}) to forward step ${k}`);
    }
  }
  const end = await s.step('continue');
  assert.equal(end.description, 'End of the recording');
  await s.outputContaining('console', 'The recording ends here: the program exited with status 0');
});

test('reverseContinue finds the forward hits of a line and of a data breakpoint, in reverse, then the start', T, async t => {
  const s = await onRecording(t);
  const dataId = (await s.request('dataBreakpointInfo', { name: 'total', frameId: (await s.top()).id })).body.dataId;
  await s.request('setBreakpoints', { source: { path: file }, breakpoints: [{ line: line('accumulate') }] });
  await s.request('setDataBreakpoints', { breakpoints: [{ dataId, accessType: 'write' }] });
  const forward = [];
  for (;;) {
    await s.request('continue', { threadId: s.threadId });
    const stop = await s.stopped();
    if (stop.reason === 'step') break;
    const inMain = /^main\b/.test((await s.top()).name);
    forward.push({ reason: stop.reason, time: await time(s), total: inMain ? (await s.evaluate('total')).result : null });
  }
  assert.deepEqual(forward.filter(h => h.reason === 'breakpoint').map(h => h.total), ['0', '1', '3', '8', '18']);
  assert.deepEqual(forward.filter(h => h.reason === 'data breakpoint' && h.total !== null).map(h => h.total), ['0', '1', '3', '8', '18', '35']);
  for (let k = forward.length - 1; k >= 0; k--) {
    await s.request('reverseContinue', { threadId: s.threadId });
    const stop = await s.stopped(forward[k].reason);
    // a data breakpoint stops after the write going forwards, at the writing instruction going back
    assert.equal(await time(s), forward[k].time - (stop.reason === 'data breakpoint' ? 1 : 0), `reverse hit ${k}`);
  }
  await s.request('setDataBreakpoints', { breakpoints: [] });
  await s.step('reverseContinue', {}, 'entry');
  assert.equal(await time(s), 0);
});

test('a conditional breakpoint in reverse stops only where its condition holds', T, async t => {
  const s = await onRecording(t);
  await s.step('continue');
  await s.request('setBreakpoints', { source: { path: file }, breakpoints: [{ line: line('accumulate'), condition: 'i % 2 == 1' }] });
  const seen = [];
  for (;;) {
    await s.request('reverseContinue', { threadId: s.threadId });
    if ((await s.stopped()).reason !== 'breakpoint') break;
    seen.push((await s.evaluate('i')).result);
  }
  assert.deepEqual(seen, ['3', '1']);
});

test('gotoTargets, goto, the timeline and executions over the whole run', T, async t => {
  const s = await onRecording(t);
  const main = await time(s);
  const targets = (await s.request('gotoTargets', { source: { path: file }, line: line('accumulate') })).body.targets;
  assert.equal(targets.length, 5);
  assert.match(targets[3].label, new RegExp(`^line ${line('accumulate')} — execution 4 of 5, time [0-9,]+$`));
  await s.step('goto', { targetId: targets[3].id }, 'goto');
  assert.equal((await s.evaluate('i')).result, '3');
  assert.equal((await s.evaluate('total')).result, '8');
  const fourth = await time(s);
  assert.equal(targets[3].label.replace(/.* time /, '').replace(/,/g, ''), String(fourth));

  const runs = (await s.request('hindsight/executions', {
    source: { path: file }, line: line('accumulate'), expressions: ['i', 'last'],
  })).body;
  assert.equal(runs.total, 5);
  assert.deepEqual(runs.executions.map(e => [e.values.i, e.values.last]), [['0', '1'], ['1', '2'], ['2', '5'], ['3', '10'], ['4', '17']]);
  assert.equal(runs.executions[3].time, fourth);
  assert.equal(await time(s), fourth, 'executions do not move the program');

  await s.step('hindsight/goto', { time: main }, 'goto');
  const timeline = (await s.request('hindsight/timeline', {})).body;
  assert.equal(timeline.now, main);
  const output = timeline.markers.filter(m => m.kind === 'output');
  assert.deepEqual(output.map(m => m.label), ['stdout: half 8\\n', 'stdout: total 35\\n']);
  await s.step('hindsight/goto', { time: output[1].time }, 'goto');
  assert.equal((await s.evaluate('$rax')).result, '1', 'SYS_write about to run');
  await s.step('stepIn', { granularity: 'instruction' });
  await s.outputContaining('stdout', 'total 35\n');
});

test('a live program refuses the history requests, clearly, and goes on', T, async t => {
  const s = await atEntry(t, FIXTURE);
  for (const [command, args] of [['stepBack', { threadId: s.threadId }], ['reverseContinue', { threadId: s.threadId }],
    ['hindsight/stepBackIn', { threadId: s.threadId }], ['hindsight/stepBackOut', { threadId: s.threadId }],
    ['hindsight/goto', { time: 0 }], ['hindsight/timeline', {}], ['hindsight/executions', { function: 'square' }],
    ['gotoTargets', { source: { path: file }, line: line('accumulate') }]]) {
    assert.match(await failure(s, command, args), new RegExp(`'${command}' needs a recorded run.*live program`));
  }
  await s.step('next');
});

test('malformed arguments on a recording are answered while the session keeps serving', T, async t => {
  const s = await onRecording(t);
  const { length } = (await s.request('stopState', { levels: 1 })).body;
  assert.match(await failure(s, 'hindsight/stepBackIn', { granularity: 'line' }), /missing argument 'threadId'/);
  assert.match(await failure(s, 'hindsight/goto', { time: length }), new RegExp(`time ${length} is outside the recording \\(0 to ${length - 1}\\)`));
  assert.match(await failure(s, 'hindsight/executions', { source: { path: file }, line: line('nocode') }),
    new RegExp(`line ${line('nocode')} of .* has no code \\(the next line with code is ${line('print')}\\)`));
  assert.match(await failure(s, 'gotoTargets', { source: { path: file }, line: line('nocode') }), /has no code/);
  const threads = (await s.request('threads')).body.threads;
  assert.equal(threads.length, 1);
  await s.step('next');
  await s.step('stepBack');
});
