'use strict';
// Post-mortem debugging from a real DAP client: a launch with "coreFile" (and "program") on a core
// dump made by gdb's gcore after the program's SIGSEGV. The stop, stack, variables, registers,
// memory and disassembly are checked against gdb reading the same dump; nothing runs.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
// the fixture is the engine's (tracer's) core dump program, shared with the Java and MI tests
const fixtures = require('../lib/fixtures').forDirectories(
  [path.resolve(__dirname, '../../../../../tracer/src/test/resources/programs')], 'hindsight-dap-core-');
const { Session } = require('../lib/session');

const T = { timeout: 180000 };
const SRC = 'core_dump.c';

/** gdb's gcore of the program after it crashed ("crash" argument), in a directory removed at exit. */
function crashCore(exe) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-core-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'crash.core');
  execFileSync('gdb', ['-nx', '-batch', '-ex', 'run', '-ex', `gcore ${core}`, '--args', exe, 'crash'],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  assert.ok(fs.existsSync(core), 'gcore wrote the dump');
  return core;
}

/** gdb's answers on the dump, one per console command. */
function gdb(exe, core, commands) {
  const args = ['-nx', '-batch'];
  for (const c of commands) args.push('-ex', 'echo <<<\\n', '-ex', c);
  args.push('-ex', 'echo <<<\\n', exe, core);
  const out = execFileSync('gdb', args, { encoding: 'utf8', timeout: 120000 });
  return out.split('<<<\n').slice(1, commands.length + 1).map(s => s.trim());
}

const hexOf = text => BigInt(text.match(/0x[0-9a-f]+/)[0]);

test('a core dump: stopped on its signal, stack, variables, registers, memory and disassembly as gdb reads them', T, async t => {
  const exe = fixtures.compile(SRC);
  const core = crashCore(exe);
  const [pc, rsp, bytes, insn, siginfo, , locals1] = gdb(exe, core, ['print/x $pc', 'print/x $rsp', 'x/16xb $sp', 'x/i $pc',
    'print $_siginfo._sifields._sigfault.si_addr', 'frame 1', 'info locals']);
  const s = Session.open(t);
  await s.launch({ program: exe, coreFile: core });
  const stop = await s.stopped('exception');
  assert.equal(stop.description, `Segmentation fault (SIGSEGV) at address 0x${hexOf(siginfo).toString(16)}`);
  await s.outputContaining('console', 'Program terminated with signal SIGSEGV, Segmentation fault.');

  const frames = await s.frames();
  assert.deepEqual(frames.map(f => f.name.replace(/\(.*/, '').trim()), ['crash', 'inner', 'main']);
  assert.deepEqual(frames.map(f => f.line), [fixtures.line(SRC, 'crash'), fixtures.line(SRC, 'calls_crash'), fixtures.line(SRC, 'loop')]);
  assert.equal(BigInt(frames[0].instructionPointerReference), hexOf(pc));

  // inner's locals as gdb's info locals prints them (frame 1)
  const inner = await s.scopeVariables('Locals', frames[1].id);
  const expected = Object.fromEntries(locals1.split('\n').filter(l => / = /.test(l)).map(l => l.split(' = ')));
  for (const name of ['doubled', 'heap']) assert.equal(inner[name].value, expected[name], name);
  assert.equal((await s.evaluate('counter')).result, gdb(exe, core, ['print counter'])[0].replace(/^\$\d+ = /, ''));

  const regs = await s.scopeVariables('Registers', frames[0].id);
  assert.equal(BigInt(regs.rip.value.split(' ')[0]), hexOf(pc));
  assert.equal(BigInt(regs.rsp.value.split(' ')[0]), hexOf(rsp));

  const mem = (await s.request('readMemory', { memoryReference: '0x' + hexOf(rsp).toString(16), count: 16 })).body;
  const want = bytes.split('\n').flatMap(l => l.split(':')[1].trim().split(/\s+/)).map(b => parseInt(b, 16));
  assert.deepEqual([...Buffer.from(mem.data, 'base64')], want);

  const dis = (await s.request('disassemble', { memoryReference: frames[0].instructionPointerReference, instructionCount: 1 })).body.instructions;
  assert.equal(BigInt(dis[0].address), hexOf(pc));
  assert.equal(dis[0].instruction.replace(/\s+/g, ' '), insn.split(':\t')[1].replace(/\s+/g, ' '));

  for (const command of ['continue', 'next', 'stepIn', 'stepOut']) {
    const r = await s.raw(command, { threadId: s.threadId });
    assert.equal(r.success, false, command);
    assert.match(r.message || '', /The program is not being run\./, command);
  }
  assert.deepEqual((await s.frames()).map(f => f.name.replace(/\(.*/, '').trim()), ['crash', 'inner', 'main'], 'still there');
});

test('a file that is no core dump fails the launch with a sentence', T, async t => {
  const exe = fixtures.compile(SRC);
  const s = Session.open(t);
  await assert.rejects(s.launch({ program: exe, coreFile: exe }), /is not a core dump: it is an ELF executable/);
});
