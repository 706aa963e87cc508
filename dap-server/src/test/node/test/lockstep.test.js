'use strict';
// Lockstep through DAP against gdb on the same binaries: the registers after every instruction
// step (stepIn, granularity instruction, read from the Registers scope) equal gdb's after every
// `stepi`; the function, line, locals and backtrace after every `next` (and stepIn) equal gdb's.
const test = require('node:test');
const assert = require('assert/strict');
const path = require('path');
const fixtures = require('../lib/fixtures');
const gdb = require('../lib/gdb');
const { Session } = require('../lib/session');
const { num } = require('../lib/scenarios');

const T = { timeout: 300000 };
const ENV = { HINDSIGHT_LOCKSTEP: '1', LANG: 'C', PATH: '/usr/bin:/bin' };
// No stack protector and no lazy binding: the canary and the resolver's state would otherwise
// carry per-run random values (AT_RANDOM) into registers, which a DAP client cannot zero before main.
const FLAGS = ['-fno-stack-protector', '-Wl,-z,now'];
const CORE = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15',
  'rip', 'eflags'];

async function registers(s) {
  const frame = (await s.frames(1))[0];
  const scope = (await s.request('scopes', { frameId: frame.id })).body.scopes.find(x => x.name === 'Registers');
  const vars = (await s.request('variables', { variablesReference: scope.variablesReference })).body.variables;
  const regs = {};
  for (const v of vars) if (gdb.REGISTERS.includes(v.name)) regs[v.name] = num(v.value); // eflags: "0x246 [ PF ZF IF ]"
  return regs;
}

/** Registers at the entry stop and after each instruction step, until `steps` or the program's end. */
async function dapStepi(t, exe, steps) {
  const s = Session.open(t);
  await s.launch({ program: exe, stopOnEntry: true, env: ENV, cwd: path.dirname(exe) });
  await s.stopped('entry');
  const stops = [await registers(s)];
  for (let k = 0; k < steps; k++) {
    await s.request('stepIn', { threadId: s.threadId, granularity: 'instruction' });
    const e = await s.event(['stopped', 'exited', 'terminated']);
    if (e.event !== 'stopped') break;
    assert.equal(e.body.reason, 'step');
    stops.push(await registers(s));
  }
  return stops;
}

const hex = v => '0x' + v.toString(16);

for (const [name, flags, steps] of [
  ['lock_calls.c', FLAGS, 400],
  ['lock_calls.c', [...FLAGS, '-no-pie'], 300],
  ['lock_recurse.c', FLAGS, 250], // stays before exit(): its handlers demangle pointers with a per-run random guard
  ['lock_shapes.cpp', FLAGS, 400],
  ['lock_start.s', [], 200],
]) {
  test(`registers after each instruction step equal gdb's stepi: ${name} ${flags.join(' ')}`, T, async t => {
    const exe = fixtures.compile(name, flags);
    const ours = await dapStepi(t, exe, steps);
    for (const r of CORE) assert.ok(r in ours[0], `no ${r} in the Registers scope`);
    const theirs = await gdb.stepi(exe, { env: ENV, cwd: path.dirname(exe), start: hex(ours[0].rip), steps });
    assert.ok(theirs.length > 50, `gdb recorded ${theirs.length} stops`);
    for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
      for (const r of Object.keys(ours[0])) {
        if (ours[i][r] !== theirs[i][r]) {
          assert.fail(`step ${i} at rip=${hex(theirs[i].rip)}: ${r} is ${hex(ours[i][r])}, gdb says ${hex(theirs[i][r])}`);
        }
      }
    }
    assert.ok(Math.abs(ours.length - theirs.length) <= 1, `ours ${ours.length} stops, gdb ${theirs.length}`);
  });
}

/** A function name without parameters, qualifiers or offsets, for comparing DAP's with gdb's. */
function bare(name) {
  return String(name).replace(/\s*\+\s*(0x[0-9a-f]+|\d+)$/, '').replace(/\s*const$/, '').replace(/\(.*\)$/, '').trim();
}

async function locals(s, frameId) {
  const all = {};
  for (const scope of (await s.request('scopes', { frameId })).body.scopes) {
    if (scope.name !== 'Locals' && scope.name !== 'Arguments') continue;
    for (const v of (await s.request('variables', { variablesReference: scope.variablesReference })).body.variables) {
      if (!(v.name in all)) all[v.name] = v.value;
    }
  }
  return all;
}

// `step` only where no libc call is on the way: gdb steps into libc when libc6-dbg gives it lines.
for (const [name, command, count, todo] of [
  ['lock_calls.c', 'next', 30],
  ['lock_recurse.c', 'next', 20],
  ['lock_recurse.c', 'step', 60],
  ['lock_shapes.cpp', 'next', 20],
  ['lock_shapes.cpp', 'step', 40],
  ['basics.c', 'next', 20],
  ['basics.c', 'step', 40],
  ['empty_derived.cpp', 'next', 1],
]) {
  test(`function, line, locals and backtrace after each ${command} equal gdb's: ${name}`, { ...T, todo }, async t => {
    const exe = fixtures.compile(name, FLAGS);
    const dir = path.dirname(fixtures.source(name));
    const expected = [];
    for (const stop of await gdb.next(exe, { env: ENV, cwd: path.dirname(exe), count, command })) {
      if (!stop.file.startsWith(dir)) break;
      expected.push({ function: bare(stop.function), file: stop.file, line: stop.line, locals: stop.locals,
        backtrace: stop.backtrace.map(bare) });
    }
    assert.ok(expected.length >= Math.min(count, 4), `gdb visited ${JSON.stringify(expected)}`);
    const s = Session.open(t);
    await s.launch({ program: exe, env: ENV, cwd: path.dirname(exe) },
      () => s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'main' }] }));
    await s.stopped('function breakpoint');
    const actual = [];
    while (actual.length < expected.length) {
      const top = (await s.frames(1))[0];
      if (!top.source || !top.source.path || !top.source.path.startsWith(dir)) break;
      const backtrace = (await s.frames(100)).map(f => bare(f.name));
      actual.push({ function: bare(top.name), file: top.source.path, line: top.line, locals: await locals(s, top.id), backtrace });
      await s.request(command === 'next' ? 'next' : 'stepIn', { threadId: s.threadId });
      const e = await s.event(['stopped', 'exited', 'terminated']);
      if (e.event !== 'stopped') break;
    }
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      assert.deepEqual(actual[i], expected[i], `stop ${i} after ${i > 0 ? JSON.stringify(expected[i - 1]) : 'break main'}`);
    }
    assert.equal(actual.length, expected.length, 'number of stops');
  });
}
