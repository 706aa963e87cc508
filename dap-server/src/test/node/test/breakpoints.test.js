'use strict';
// Breakpoints from a real DAP client: source lines with condition, hit count and log message,
// moved lines, function, instruction and data breakpoints, breakpointLocations.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atEntry, atLine, num } = require('../lib/scenarios');

const T = { timeout: 120000 };
const SRC = fixtures.source('basics.c');
const line = marker => fixtures.line('basics.c', marker);

async function value(s, expr) {
  return num((await s.evaluate(expr)).result);
}

test('a line breakpoint stops with its id in hitBreakpointIds and re-stops on every hit', T, async t => {
  const s = await atLine(t, 'basics.c', 'sum_loop');
  assert.deepEqual(s.stop.hitBreakpointIds, s.breakpointIds);
  assert.equal(await value(s, 'i'), 1n);
  await s.step('continue', {}, 'breakpoint');
  assert.equal(await value(s, 'i'), 2n);
});

test('a condition stops only where it holds', T, async t => {
  const s = await atLine(t, 'basics.c', 'sum_loop', { breakpoint: { condition: 'i == 4' } });
  assert.equal(await value(s, 'i'), 4n);
  assert.equal(await value(s, 'total'), 6n);
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('a hit condition "3" stops on the 3rd hit only', T, async t => {
  const s = await atLine(t, 'basics.c', 'sum_loop', { breakpoint: { hitCondition: '3' } });
  assert.equal(await value(s, 'i'), 3n);
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event(['stopped', 'exited'])).event, 'exited');
});

test('a hit condition ">= 8" stops on the 8th hit and every one after', T, async t => {
  const s = await atLine(t, 'basics.c', 'sum_loop', { breakpoint: { hitCondition: '>= 8' } });
  assert.equal(await value(s, 'i'), 8n);
  await s.step('continue', {}, 'breakpoint');
  assert.equal(await value(s, 'i'), 9n);
});

test('a log message is printed with its {expressions} and does not stop', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: SRC }, () => s.request('setBreakpoints', {
    source: { path: SRC }, breakpoints: [{ line: line('sum_loop'), logMessage: 'i is {i}, total {total}' }],
  }));
  assert.equal((await s.event('exited')).body.exitCode, 6);
  const log = s.events.filter(e => e.event === 'output' && /i is/.test(e.body.output)).map(e => e.body.output).join('');
  for (let i = 1, total = 0; i <= 10; total += i, i++) assert.ok(log.includes(`i is ${i}, total ${total}`), log);
  assert.ok(!s.events.some(e => e.event === 'stopped'));
});

test('a bad condition is reported, not silently ignored', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const r = await s.raw('setBreakpoints', { source: { path: SRC }, breakpoints: [{ line: line('sum_loop'), hitCondition: 'often' }] });
  assert.equal(r.success, false, JSON.stringify(r));
  assert.equal(r.command, 'setBreakpoints');
  assert.match(r.message, /hit condition/, JSON.stringify(r));
  assert.match(r.message, /often/, 'the message names what was wrong');
});

test('a breakpoint on a line without code moves to the next line with code, and can be removed', T, async t => {
  const s = Session.open(t);
  let set;
  await s.launch({ program: SRC }, async () => {
    set = (await s.request('setBreakpoints', { source: { path: SRC }, breakpoints: [{ line: line('no_code') }] })).body.breakpoints[0];
  });
  await s.stopped('breakpoint');
  assert.equal((await s.top()).line, line('call_square'));
  // the response, or a later breakpoint event, tells the client where it really is
  const changed = s.events.filter(e => e.event === 'breakpoint' && e.body.breakpoint.id === set.id).map(e => e.body.breakpoint);
  const final = { ...set, ...changed.reduce((a, b) => ({ ...a, ...b }), {}) };
  assert.equal(final.verified, true);
  assert.equal(final.line, line('call_square'));
  const cleared = await s.request('setBreakpoints', { source: { path: SRC }, breakpoints: [] });
  assert.equal(cleared.body.breakpoints.length, 0);
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('a function breakpoint stops in the function after its prologue', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const r = await s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'bump' }] });
  assert.equal(r.body.breakpoints[0].verified, true);
  const stop = await s.step('continue', {}, 'function breakpoint');
  assert.deepEqual(stop.hitBreakpointIds, [r.body.breakpoints[0].id]);
  const top = await s.top();
  assert.match(top.name, /^bump\b/);
  assert.equal(top.line, line('bump_body'));
  const unknown = await s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'no_such_function' }] });
  assert.equal(unknown.body.breakpoints[0].verified, false);
});

test('an instruction breakpoint at an address from disassemble stops there', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const ip = (await s.top()).instructionPointerReference;
  const dis = (await s.request('disassemble', { memoryReference: ip, instructionCount: 60, resolveSymbols: true })).body.instructions;
  const target = dis.find(i => i.line === line('call_bump'));
  assert.ok(target, 'disassembly carries the line of call_bump');
  const r = await s.request('setInstructionBreakpoints', { breakpoints: [{ instructionReference: target.address }] });
  assert.equal(r.body.breakpoints[0].verified, true);
  const stop = await s.step('continue', {}, 'instruction breakpoint');
  assert.deepEqual(stop.hitBreakpointIds, [r.body.breakpoints[0].id]);
  const top = await s.top();
  assert.equal(BigInt(top.instructionPointerReference), BigInt(target.address));
  assert.equal(top.line, line('call_bump'));
  const off = await s.request('setInstructionBreakpoints', { breakpoints: [{ instructionReference: target.address, offset: 0 }] });
  assert.equal(off.body.breakpoints.length, 1);
});

test('a data breakpoint (hardware watchpoint) on a global stops after the write', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const globals = await s.scope('Globals');
  const info = (await s.request('dataBreakpointInfo', { variablesReference: globals.variablesReference, name: 'watched' })).body;
  assert.ok(info.dataId, JSON.stringify(info));
  assert.deepEqual([...info.accessTypes].sort(), ['readWrite', 'write'], 'hardware watchpoints: write or read/write (README)');
  const r = await s.request('setDataBreakpoints', { breakpoints: [{ dataId: info.dataId, accessType: 'write' }] });
  assert.equal(r.body.breakpoints[0].verified, true);
  const stop = await s.step('continue', {}, 'data breakpoint');
  assert.deepEqual(stop.hitBreakpointIds, [r.body.breakpoints[0].id]);
  const top = await s.top();
  assert.ok([line('write_watched'), line('write_watched') + 1].includes(top.line), `line ${top.line}`);
  assert.equal(await value(s, 'watched'), 55n);
  await s.request('setDataBreakpoints', { breakpoints: [] });
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('a read/write data breakpoint on a local by expression stops when it is read', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const info = (await s.request('dataBreakpointInfo', { name: 'local_value', frameId: (await s.top()).id })).body;
  assert.ok(info.dataId, JSON.stringify(info));
  const r = await s.request('setDataBreakpoints', { breakpoints: [{ dataId: info.dataId, accessType: 'readWrite' }] });
  assert.equal(r.body.breakpoints[0].verified, true);
  await s.step('continue', {}, 'data breakpoint');
  const top = await s.top();
  assert.match(top.name, /^main\b/);
  assert.equal(top.line, line('call_square'));
});

test('breakpointLocations lists the lines with code in a range', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const one = (await s.request('breakpointLocations', { source: { path: SRC }, line: line('sum_loop') })).body.breakpoints;
  assert.ok(one.length >= 1 && one.every(b => b.line === line('sum_loop')), JSON.stringify(one));
  const from = line('main_start'), to = line('exit');
  const many = (await s.request('breakpointLocations', { source: { path: SRC }, line: from, endLine: to })).body.breakpoints;
  const lines = new Set(many.map(b => b.line));
  for (const m of ['main_start', 'call_square', 'call_bump', 'call_sum', 'write_watched', 'print', 'exit']) {
    assert.ok(lines.has(line(m)), `${m} missing from ${[...lines]}`);
  }
  assert.ok(many.every(b => b.line >= from && b.line <= to));
  const none = (await s.request('breakpointLocations', { source: { path: SRC }, line: 1 })).body.breakpoints;
  assert.equal(none.length, 0);
});
