'use strict';
// next / stepIn / stepOut with granularity statement, line and instruction, and continue, from a
// real DAP client; each step answers with a stopped event of reason 'step'.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { atEntry, atLine } = require('../lib/scenarios');

const T = { timeout: 120000 };
const line = marker => fixtures.line('basics.c', marker);

for (const granularity of [undefined, 'statement', 'line']) {
  test(`next, stepIn, stepOut with granularity ${granularity || '(default)'}`, T, async t => {
    const s = await atLine(t, 'basics.c', 'call_square');
    const g = granularity ? { granularity } : {};
    await s.step('next', g);
    let top = await s.top();
    assert.equal(top.line, line('call_bump'));
    assert.match(top.name, /^main\b/);
    assert.equal((await s.evaluate('sq')).result, '25');
    await s.step('stepIn', g);
    top = await s.top();
    assert.match(top.name, /^bump\b/);
    assert.equal(top.line, line('bump_body'));
    await s.step('next', g);
    assert.equal((await s.top()).line, line('bump_body') + 1);
    await s.step('stepOut', g);
    top = await s.top();
    assert.match(top.name, /^main\b/);
    assert.ok([line('call_bump'), line('call_sum')].includes(top.line), `after stepOut at ${top.line}`);
    assert.equal((await s.evaluate('origin.x')).result, '26');
  });
}

test('stepIn over a line without calls behaves like next', T, async t => {
  const s = await atLine(t, 'basics.c', 'write_watched');
  await s.step('stepIn');
  assert.equal((await s.top()).line, line('write_watched') + 1);
});

test('instruction granularity: next steps over the call, stepIn enters it, one instruction at a time', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const pcs = [];
  for (let k = 0; k < 40; k++) {
    const top = await s.top();
    pcs.push(BigInt(top.instructionPointerReference));
    if (top.line !== line('call_square')) break;
    assert.match(top.name, /^main\b/, 'next with granularity instruction never enters square');
    await s.step('next', { granularity: 'instruction' });
  }
  assert.equal((await s.top()).line, line('call_bump'));
  assert.equal((await s.evaluate('sq')).result, '25');
  assert.ok(pcs.length >= 3 && pcs.length < 40);
  for (let k = 1; k < pcs.length; k++) assert.ok(pcs[k] > pcs[k - 1] && pcs[k] - pcs[k - 1] <= 15n, 'one instruction forward');

  // stepIn by instruction: from call_bump, reach bump's first instruction (its entry, before the prologue)
  let entered = null;
  for (let k = 0; k < 40 && !entered; k++) {
    const before = await s.top();
    await s.step('stepIn', { granularity: 'instruction' });
    const after = await s.top();
    if (/^bump\b/.test(after.name)) entered = { before, after };
  }
  assert.ok(entered, 'stepIn by instruction entered bump');
  const dis = (await s.request('disassemble', { memoryReference: entered.before.instructionPointerReference, instructionCount: 1 }))
    .body.instructions;
  assert.match(dis[0].instruction, /call/);
  // stepOut by instruction granularity still returns to the caller
  await s.step('stepOut', { granularity: 'instruction' });
  assert.match((await s.top()).name, /^main\b/);
});

test('stepOut from a recursion-free leaf returns the value computed', T, async t => {
  const s = await atLine(t, 'basics.c', 'square_body');
  await s.step('stepOut');
  const top = await s.top();
  assert.match(top.name, /^main\b/);
  assert.equal(top.line, line('call_square'));
  await s.step('next');
  assert.equal((await s.evaluate('sq')).result, '25');
});

test('an instruction step is not announced as continued; a line step, which runs every thread, is', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const continued = () => s.events.filter(e => e.event === 'continued').length;
  const before = continued();
  const stop = await s.step('stepIn', { granularity: 'instruction' });
  assert.equal(stop.threadId, s.threadId);
  assert.equal(continued(), before, 'the stepIn request already says that its thread runs');
  await s.step('next');
  const last = s.events.filter(e => e.event === 'continued').pop();
  assert.equal(continued(), before + 1);
  assert.equal(last.body.allThreadsContinued, true);
});

test('continue reaches the next breakpoint, then the end', T, async t => {
  const s = await atLine(t, 'basics.c', 'sum_loop');
  const r = await s.request('continue', { threadId: s.threadId });
  assert.equal(r.body.allThreadsContinued, true, 'all-stop: every thread runs on');
  await s.event('continued');
  await s.stopped('breakpoint');
  assert.equal((await s.evaluate('i')).result, '2');
  await s.request('setBreakpoints', { source: { path: fixtures.source('basics.c') }, breakpoints: [] });
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
  await s.event('terminated');
});

test('a stepOut refused before the program moved sends no continued event and keeps the stop\'s references', T, async t => {
  // At _start's second instruction there is no caller: what its call frame names as the return
  // address is argc (1), where no breakpoint can be set.
  const s = await atEntry(t, 'start.s');
  await s.step('stepIn', { granularity: 'instruction' });
  const top = await s.top();
  const registers = await s.scope('Registers', top.id);
  const from = s.events.length;
  const refused = await s.raw('stepOut', { threadId: s.threadId });
  assert.equal(refused.success, false);
  assert.match(refused.body.error.format, /cannot set a breakpoint at 0x1: address not mapped/);
  // A round trip later every event of the refusal has arrived: none says the program continued.
  const rip = (await s.variables(registers.variablesReference)).find(v => v.name === 'rip');
  assert.equal(BigInt(rip.value), BigInt(top.instructionPointerReference), 'the stop\'s references still answer, at the same place');
  assert.deepEqual(s.events.slice(from).map(e => e.event).filter(e => e === 'continued' || e === 'stopped'), []);
  await s.step('stepIn', { granularity: 'instruction' });
  assert.notEqual((await s.top()).instructionPointerReference, top.instructionPointerReference, 'steps go on');
});
