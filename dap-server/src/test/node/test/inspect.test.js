'use strict';
// Looking at a stopped program from a real DAP client: threads, stack, scopes, variables with
// paging, setVariable, evaluate, memory, disassembly (VS Code's flow), sources, signals.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const fixtures = require('../lib/fixtures');
const gdb = require('../lib/gdb');
const { Session } = require('../lib/session');
const { atEntry, atLine, num } = require('../lib/scenarios');

const T = { timeout: 120000 };
const SRC = fixtures.source('basics.c');
const line = marker => fixtures.line('basics.c', marker);
const HEX = /^0x[0-9a-f]+$/;

test('threads and stackTrace: frames with source, instructionPointerReference, paging and subtle frames', T, async t => {
  const s = await atLine(t, 'basics.c', 'square_body');
  const threads = (await s.request('threads')).body.threads;
  assert.ok(threads.some(th => th.id === s.threadId), JSON.stringify(threads));
  const st = (await s.request('stackTrace', { threadId: s.threadId })).body;
  const [square, main] = st.stackFrames;
  assert.match(square.name, /^square\b/);
  assert.equal(square.line, line('square_body'));
  assert.ok(square.column >= 1);
  assert.equal(square.source.path, SRC);
  assert.match(square.instructionPointerReference, HEX);
  assert.match(main.name, /^main\b/);
  assert.equal(main.line, line('call_square'));
  assert.equal(main.source.path, SRC);
  assert.equal(st.stackFrames.length, 2, 'square and main: the backtrace ends at main, as gdb\'s does');
  assert.equal(st.totalFrames, st.stackFrames.length, 'all frames were asked for');
  const page = (await s.request('stackTrace', { threadId: s.threadId, startFrame: 1, levels: 1 })).body.stackFrames;
  assert.equal(page.length, 1);
  assert.equal(page[0].name, main.name);

  // Subtle frames, as gdb's bt shows the same stops: below a callback of libgcc_s's
  // _Unwind_Backtrace a frame without line information (symbol+offset, no source), below qsort's
  // comparator libc's frames, whose lines come from libc6-dbg but whose sources are not here.
  const exe = fixtures.compile('dap_callbacks.c');
  for (const [location, kind] of [['count_frame', 'no line information'], ['compare', 'source not here']]) {
    const expected = await gdb.backtrace(exe, { cwd: path.dirname(exe), location });
    const c = Session.open(t);
    await c.launch({ program: exe }, () => c.request('setFunctionBreakpoints', { breakpoints: [{ name: location }] }));
    await c.stopped('function breakpoint');
    const frames = await c.frames(100);
    assert.equal(frames.length, expected.length, `gdb's bt ${JSON.stringify(expected)}, ours ${JSON.stringify(frames)}`);
    let subtle = 0;
    expected.forEach((g, i) => {
      const f = frames[i], what = `frame ${i} ${JSON.stringify(f)}, gdb ${JSON.stringify(g)}`;
      assert.equal(BigInt(f.instructionPointerReference), BigInt(g.pc), what);
      if (g.file === null) {
        assert.equal(kind, 'no line information', what);
        assert.equal(f.name, g.symbol, what);
        assert.match(f.name, /^\w+\+\d+$/, what);
        // no file: a generated listing by reference (sources.test.js reads it)
        assert.ok(f.source.sourceReference > 0, what);
        assert.equal(f.source.path, undefined, what);
        assert.equal(f.presentationHint, 'subtle', what);
        subtle++;
      } else if (!fs.existsSync(path.normalize(g.file))) {
        assert.equal(kind, 'source not here', what);
        assert.equal(f.name, g.name, what);
        assert.ok(f.source.sourceReference > 0, what);
        // The file as gdb prints it (./stdlib/msort.c), not its fullname (comp dir ./stdlib joined twice).
        assert.equal(f.source.origin, `${g.filename}:${g.line} (not on this machine)`, what);
        assert.equal(f.source.presentationHint, 'deemphasize', what);
        assert.equal(f.presentationHint, 'subtle', what);
        subtle++;
      } else {
        assert.equal(f.name, g.name, what);
        assert.equal(f.line, g.line, what);
        assert.equal(f.source.path, g.file, what);
        assert.equal(f.presentationHint, undefined, what);
      }
    });
    assert.ok(subtle >= 1, `gdb shows a frame with ${kind} at ${location}: ${JSON.stringify(expected)}`);
  }
});

test('a frame without debug information is shown as symbol+offset, presentationHint subtle', T, async t => {
  const exe = fixtures.link('frames', [['frames_main.c', ['-g']], ['frames_nodebug.c', ['-g0']]]);
  const s = Session.open(t);
  const src = fixtures.source('frames_main.c');
  await s.launch({ program: exe }, () => s.request('setBreakpoints', {
    source: { path: src }, breakpoints: [{ line: fixtures.line('frames_main.c', 'deepest') }],
  }));
  await s.stopped('breakpoint');
  const [deepest, relay, main] = await s.frames();
  assert.match(deepest.name, /^deepest\b/);
  assert.equal(deepest.source.path, src);
  assert.match(relay.name, /^relay\s*\+\s*(0x[0-9a-f]+|\d+)$/);
  assert.ok(!relay.source || !relay.source.path, JSON.stringify(relay));
  assert.equal(relay.presentationHint, 'subtle');
  assert.match(relay.instructionPointerReference, HEX);
  assert.match(main.name, /^main\b/);
  assert.equal(main.line, fixtures.line('frames_main.c', 'call_relay'));
});

test('scopes Locals, Arguments, Registers (presentationHint registers) and Globals', T, async t => {
  const s = await atLine(t, 'basics.c', 'bump_body');
  const scopes = await s.scopes();
  const names = scopes.map(x => x.name);
  for (const n of ['Locals', 'Arguments', 'Registers', 'Globals']) assert.ok(names.includes(n), names.join());
  assert.equal(scopes.find(x => x.name === 'Registers').presentationHint, 'registers');
  const args = await s.scopeVariables('Arguments');
  assert.equal(args.by.value, '25');
  assert.ok(args.p.variablesReference > 0, 'a pointer expands');
  assert.match(args.p.memoryReference || args.p.value, /0x[0-9a-f]+/);
  let children = await s.variables(args.p.variablesReference);
  if (children.length === 1 && children[0].variablesReference > 0 && !children.some(c => c.name === 'x')) {
    children = await s.variables(children[0].variablesReference); // *p, then its members
  }
  const byName = Object.fromEntries(children.map(c => [c.name, c.value]));
  assert.equal(byName.x, '1');
  assert.equal(byName.y, '2');
  const globals = await s.scopeVariables('Globals');
  assert.equal(globals.global_counter.value, '7');
  assert.equal(globals.global_ratio.value, '0.25');
});

test('Registers: one variable per register, hex values, eflags with its flags, rip = the frame pc', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const regs = await s.scopeVariables('Registers');
  for (const r of ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r15', 'rip', 'eflags']) {
    assert.ok(regs[r], `no ${r} in ${Object.keys(regs)}`);
    assert.match(regs[r].value, r === 'eflags' ? /^0x[0-9a-f]+\b/ : HEX, `${r} = ${regs[r].value}`); // eflags may add gdb's [ ZF … ]
  }
  assert.equal(num(regs.rip.value), BigInt((await s.top()).instructionPointerReference));
  const flags = Object.fromEntries((await s.variables(regs.eflags.variablesReference)).map(v => [v.name, v.value]));
  for (const f of ['CF', 'PF', 'AF', 'ZF', 'SF', 'TF', 'IF', 'DF', 'OF']) assert.ok(f in flags, `no ${f} in ${Object.keys(flags)}`);
  const eflags = num(regs.eflags.value);
  assert.equal(num(flags.ZF) !== 0n, (eflags & 0x40n) !== 0n);
  assert.equal(num(flags.IF) !== 0n, (eflags & 0x200n) !== 0n);
  const vector = Object.values(regs).find(v => v.variablesReference > 0 && v.name !== 'eflags');
  assert.ok(vector, 'vector registers in a nested group');
  const vregs = await s.variables(vector.variablesReference);
  assert.ok(vregs.some(v => /^[xy]mm0$/.test(v.name)), vregs.map(v => v.name).join());
});

test('variables paging over a 300-element array', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const numbers = (await s.scopeVariables('Globals')).numbers;
  assert.ok(numbers.variablesReference > 0);
  assert.equal(numbers.indexedVariables, 300, 'an array announces its length, so clients page it');
  const page = await s.variables(numbers.variablesReference, { filter: 'indexed', start: 100, count: 10 });
  assert.equal(page.length, 10);
  page.forEach((v, k) => {
    assert.equal(v.name, `[${100 + k}]`);
    assert.equal(v.value, String(2 * (100 + k)));
  });
  const last = await s.variables(numbers.variablesReference, { filter: 'indexed', start: 295, count: 5 });
  assert.deepEqual(last.map(v => v.value), ['590', '592', '594', '596', '598']);
  const hex = await s.variables(numbers.variablesReference, { filter: 'indexed', start: 100, count: 2, format: { hex: true } });
  assert.deepEqual(hex.map(v => v.value), ['0xc8', '0xca']);
});

test('setVariable on a local, a struct member and a register', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_bump');
  const locals = await s.scope('Locals');
  const r = await s.request('setVariable', { variablesReference: locals.variablesReference, name: 'sq', value: '10' });
  assert.equal(r.body.value, '10');
  const origin = (await s.scopeVariables('Locals')).origin;
  const set = await s.request('setVariable', { variablesReference: origin.variablesReference, name: 'y', value: '100' });
  assert.equal(set.body.value, '100');
  await s.step('next');
  assert.equal((await s.evaluate('origin.x')).result, '11');
  assert.equal((await s.evaluate('origin.y')).result, '110');
  const regs = await s.scope('Registers');
  const rr = await s.request('setVariable', { variablesReference: regs.variablesReference, name: 'rbx', value: '0x1234' });
  assert.equal(BigInt(rr.body.value), 0x1234n);
  assert.equal(num((await s.evaluate('$rbx')).result), 0x1234n);
  const bad = await s.raw('setVariable', { variablesReference: locals.variablesReference, name: 'sq', value: 'nonsense +' });
  assert.equal(bad.success, false);
  assert.ok(bad.message);
});

test('evaluate: variables, registers, C expressions, hex format, errors', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_bump');
  const ev = async (e, extra) => (await s.evaluate(e, extra)).result;
  assert.equal(await ev('local_value'), '5');
  assert.equal(await ev('local_value * 2 + 1'), '11');
  assert.equal(await ev('sq > local_value'), '1');
  assert.equal(await ev('origin.x + origin.y'), '3');
  assert.equal(await ev('numbers[10]'), '20');
  assert.equal(await ev('*&local_value'), '5');
  assert.equal(await ev('(char) 65'), "65 'A'");
  assert.equal(await ev('(long) global_ratio'), '0');
  assert.equal(await ev('global_ratio * 4'), '1');
  assert.match(await ev('&origin'), /0x[0-9a-f]+/);
  assert.equal(BigInt(await ev('$rip')), BigInt((await s.top()).instructionPointerReference));
  assert.equal(await ev('local_value', { format: { hex: true } }), '0x5');
  assert.equal(await ev('local_value', { context: 'hover' }), '5');
  assert.equal(await ev('local_value + 1', { context: 'repl' }), '6');
  const origin = await s.evaluate('origin');
  assert.ok(origin.variablesReference > 0, 'structs expand');
  const err = await s.raw('evaluate', { expression: 'no_such_variable + 1', frameId: (await s.top()).id, context: 'watch' });
  assert.equal(err.success, false);
  assert.match(err.message, /no_such_variable/);
  const syntax = await s.raw('evaluate', { expression: '1 +* (', frameId: (await s.top()).id, context: 'repl' });
  assert.equal(syntax.success, false);
});

test('evaluate: member access through pointers, casts to scalar and pointer types', T, async t => {
  const s = await atLine(t, 'basics.c', 'bump_body');
  const ev = async e => (await s.evaluate(e)).result;
  assert.equal(await ev('p->x'), '1');
  assert.equal(await ev('(*p).y'), '2');
  assert.equal(await ev('p[0].x + by'), '26');
  assert.equal(await ev('*(int *) p'), '1');
  assert.equal(await ev('((int *) p)[1]'), '2');
  assert.equal(num(await ev('(unsigned long) p')), BigInt((await ev('p')).match(/0x[0-9a-f]+/)[0])); // p: (struct point *) 0x…
  assert.equal(await ev('(short) 65537'), '1');
  assert.equal(await ev('(unsigned char) 300'), "44 ','");
  assert.equal(await ev('by / 2 == 12 && by % 2 == 1'), '1');
});

test('evaluate in an outer frame sees that frame\'s variables', T, async t => {
  const s = await atLine(t, 'basics.c', 'square_body');
  const [, main] = await s.frames();
  assert.equal((await s.evaluate('local_value', { frameId: main.id })).result, '5');
  assert.equal((await s.evaluate('v')).result, '5');
});

test('readMemory and writeMemory through a variable\'s memoryReference', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const v = await s.evaluate('&local_value');
  const ref = v.memoryReference || v.result.match(/0x[0-9a-f]+/)[0];
  const read = (await s.request('readMemory', { memoryReference: ref, count: 4 })).body;
  assert.equal(BigInt(read.address), BigInt(ref));
  assert.equal(Buffer.from(read.data, 'base64').readInt32LE(0), 5);
  const data = Buffer.alloc(4);
  data.writeInt32LE(42);
  const w = await s.request('writeMemory', { memoryReference: ref, data: data.toString('base64') });
  assert.equal(w.body.bytesWritten, 4);
  assert.equal((await s.evaluate('local_value')).result, '42');
  const offset = (await s.request('readMemory', { memoryReference: ref, offset: 2, count: 2 })).body;
  assert.equal(BigInt(offset.address), BigInt(ref) + 2n);
  // DAP: unreadable memory is not an error; unreadableBytes counts what could not be read
  const unmapped = await s.raw('readMemory', { memoryReference: '0x10', count: 16 });
  assert.equal(unmapped.success, true, JSON.stringify(unmapped));
  assert.equal(unmapped.body.unreadableBytes, 16, JSON.stringify(unmapped));
  assert.equal(Buffer.from(unmapped.body.data || '', 'base64').length, 0, JSON.stringify(unmapped));
});

test('disassemble as VS Code does: at the frame pc, instructionOffset -200, instructionCount 400', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  const ip = (await s.top()).instructionPointerReference;
  const dis = (await s.request('disassemble', {
    memoryReference: ip, offset: 0, instructionOffset: -200, instructionCount: 400, resolveSymbols: true,
  })).body.instructions;
  assert.equal(dis.length, 400);
  assert.equal(BigInt(dis[200].address), BigInt(ip), `instruction 200 is ${dis[200].address}, pc ${ip}`);
  for (let k = 1; k < dis.length; k++) assert.ok(BigInt(dis[k].address) > BigInt(dis[k - 1].address), `address order at ${k}`);
  assert.ok(dis[200].instruction.length > 0);
  assert.equal(dis[200].line, line('call_square'));
  assert.ok(dis.slice(150, 250).some(i => i.location && i.location.path === SRC), 'instructions carry their source');
  const callInMain = dis.slice(200, 230).find(i => /call/.test(i.instruction) && /square/.test(i.instruction + (i.symbol || '')));
  assert.ok(callInMain, 'the call to square is disassembled with its symbol');
  // a page backwards starting right at the pc ends just before it
  const back = (await s.request('disassemble', { memoryReference: ip, instructionOffset: -10, instructionCount: 10 })).body.instructions;
  assert.equal(back.length, 10);
  assert.ok(BigInt(back[9].address) < BigInt(ip));
  assert.equal(back[9].address, dis[199].address);
});

test('disassemblyFlavor intel', T, async t => {
  const s = await atEntry(t, 'basics.c', { disassemblyFlavor: 'intel' });
  const ip = (await s.top()).instructionPointerReference;
  const dis = (await s.request('disassemble', { memoryReference: ip, instructionCount: 20 })).body.instructions;
  assert.ok(dis.some(i => /\b(dword|qword) ptr\b/.test(i.instruction)), dis.map(i => i.instruction).join('\n'));
  assert.ok(!dis.some(i => /%/.test(i.instruction)));
});

test('loadedSources lists the program\'s source and source returns its text', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const sources = (await s.request('loadedSources')).body.sources;
  const mine = sources.find(x => x.path === SRC);
  assert.ok(mine, sources.map(x => x.path).join());
  const args = mine.sourceReference ? { source: mine, sourceReference: mine.sourceReference } : { source: mine, sourceReference: 0 };
  const content = (await s.request('source', args)).body.content;
  assert.ok(content.includes('// BREAK: main_start'));
});

test('SIGSEGV stops with reason exception; exceptionInfo describes the signal; continuing ends the program', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('crash.c') });
  const stop = await s.stopped('exception');
  assert.match(stop.description || stop.text || '', /SIGSEGV|segmentation/i);
  const top = await s.top();
  assert.equal(top.line, fixtures.line('crash.c', 'fault'));
  const info = (await s.request('exceptionInfo', { threadId: s.threadId })).body;
  assert.match(info.exceptionId, /SIGSEGV/);
  assert.match(info.description || '', /segmentation|SIGSEGV/i);
  assert.ok(['never', 'always', 'unhandled', 'userUnhandled'].includes(info.breakMode));
  await s.request('continue', { threadId: s.threadId });
  await s.event('terminated');
});
