'use strict';
// Clients that count lines and columns from 0 (initialize with linesStartAt1/columnsStartAt1
// false) get every position 0-based, in requests and in answers and events. The oracle for the
// 1-based numbers: the fixtures' markers, clang's own diagnostics, and the same request from a
// 1-based client (whose positions the rest of the suite checks against gdb).
const test = require('node:test');
const assert = require('assert/strict');
const { execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atLine } = require('../lib/scenarios');
const { record } = require('../lib/recording');

const T = { timeout: 300000 };
const ZERO = { linesStartAt1: false, columnsStartAt1: false };
const SRC = fixtures.source('basics.c');
const line = marker => fixtures.line('basics.c', marker);

test('0-based: setBreakpoints, breakpoint events, stackTrace, breakpointLocations, disassemble', T, async t => {
  const one = await atLine(t, 'basics.c', 'square_body');
  const [oneTop, oneMain] = await one.frames();
  const oneInstr = (await one.request('disassemble', { memoryReference: oneTop.instructionPointerReference, instructionCount: 1 }))
    .body.instructions[0];
  assert.equal(oneInstr.line, line('square_body'));
  await one.close();

  const s = Session.open(t);
  await s.initialize(ZERO);
  // Set before the launch, the breakpoint is verified by a breakpoint event once the program exists.
  const set = (await s.request('setBreakpoints', { source: { path: SRC }, breakpoints: [{ line: line('square_body') - 1 }] })).body;
  assert.equal(set.breakpoints[0].line, line('square_body') - 1, 'the response counts from 0 too');
  await s.launch({ program: SRC });
  const changed = await s.event('breakpoint', e => e.body.breakpoint.verified);
  assert.equal(changed.body.breakpoint.line, line('square_body') - 1, 'and so does the breakpoint event');
  await s.stopped('breakpoint');
  const [top, main] = await s.frames();
  assert.equal(top.line, line('square_body') - 1);
  assert.equal(top.column, oneTop.column - 1);
  assert.equal(main.line, line('call_square') - 1);
  assert.equal(main.column, oneMain.column - 1);

  const locations = (await s.request('breakpointLocations', { source: { path: SRC }, line: line('square_body') - 1 })).body;
  assert.deepEqual(locations.breakpoints.map(b => b.line), [line('square_body') - 1]);

  const instr = (await s.request('disassemble', { memoryReference: top.instructionPointerReference, instructionCount: 1 }))
    .body.instructions[0];
  assert.equal(instr.line, oneInstr.line - 1);
  assert.equal(instr.column, oneInstr.column - 1);

  const refused = await s.raw('setBreakpoints', { source: { path: SRC }, breakpoints: [{ line: -1 }] });
  assert.equal(refused.success, false);
  assert.match(refused.message, /must be 0 or more/);
});

test('0-based: a compiler diagnostic\'s line and column', T, async t => {
  const file = fixtures.source('compile_warning.c');
  const [, l, c] = execFileSync('sh', ['-c', `clang -fsyntax-only '${file}' 2>&1`], { encoding: 'utf8' })
    .match(/:(\d+):(\d+): warning:/);
  const s = Session.open(t);
  await s.initialize(ZERO);
  await s.launch({ program: file });
  const d = await s.event('output', e => e.body.data && e.body.data.kind === 'diagnostic');
  assert.equal(d.body.line, Number(l) - 1, JSON.stringify(d.body));
  assert.equal(d.body.column, Number(c) - 1, JSON.stringify(d.body));
});

test('0-based on a recording: gotoTargets, goto and hindsight/executions', T, async t => {
  const FIXTURE = 'dap_travel_loop.c';
  const file = fixtures.source(FIXTURE);
  const accumulate = fixtures.line(FIXTURE, 'accumulate');
  const s = Session.open(t);
  await s.initialize(ZERO);
  await s.launch({ trace: record(FIXTURE), stopOnEntry: true });
  await s.stopped('entry');
  const targets = (await s.request('gotoTargets', { source: { path: file }, line: accumulate - 1 })).body.targets;
  assert.equal(targets.length, 5, 'the five executions of the accumulate line');
  assert.ok(targets.every(g => g.line === accumulate - 1), JSON.stringify(targets));
  await s.step('goto', { targetId: targets[3].id }, 'goto');
  assert.equal((await s.top()).line, accumulate - 1);
  assert.equal((await s.evaluate('i')).result, '3');
  assert.match(targets[3].label, new RegExp(`^line ${accumulate} — `), 'a label for people keeps the editor\'s line number');
  const runs = (await s.request('hindsight/executions', { source: { path: file }, line: accumulate - 1, expressions: ['i'] })).body;
  assert.deepEqual(runs.executions.map(e => e.values.i), ['0', '1', '2', '3', '4']);
  // total's value came from the accumulate line's store in the previous iteration
  const origin = (await s.request('hindsight/valueOrigin', { expression: 'total' })).body;
  const writer = origin.children.find(n => n.kind === 'instruction');
  assert.ok(writer, JSON.stringify(origin));
  assert.equal(writer.line, accumulate - 1, JSON.stringify(writer));
});
