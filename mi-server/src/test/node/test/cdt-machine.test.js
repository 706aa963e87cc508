'use strict';
// cdt-gdb-adapter (unmodified) over bin/hindsight-gdb and over gdb: what its registers view,
// memory view and disassembly view show, stopped in add(1, 2) of hello.c.
const test = require('node:test');
const assert = require('node:assert');
const fx = require('../lib/fixtures');
const { debuggers, startAdapter, launch, stopped, scope, locals, stop, TIMEOUT } = require('../lib/frontend');

const HELLO = 'hello.c';

for (const gdb of debuggers()) {
  test.describe(`cdt-gdb-adapter with ${gdb.name}`, { timeout: 10 * TIMEOUT }, () => {
    test.it('registers, memory and disassembly at a breakpoint', async () => {
      const dc = await startAdapter();
      try {
        let s = await launch(dc, gdb, fx.compile(HELLO), async () => {
          await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'add' }] });
        }, true);
        // the third call: add(1, 2)
        for (let hit = 1; hit < 3; hit++) s = await stopped(dc, () => dc.continueRequest({ threadId: s.threadId }));
        assert.deepStrictEqual([s.reason, s.top.name, s.top.line], ['function breakpoint', 'add', fx.line(HELLO, 'add')]);
        assert.deepStrictEqual(await locals(dc, s.top.id), { a: '1', b: '2' });

        // registers: the System V arguments are still in rdi and rsi after clang's -O0 prologue
        const regs = await scope(dc, s.top.id, 'Registers');
        for (const name of ['rax', 'rbx', 'rsp', 'rbp', 'rip', 'eflags', 'cs', 'eax', 'al']) assert.ok(regs[name], `register ${name} listed`);
        assert.strictEqual(BigInt(regs.rdi.value), 1n);
        assert.strictEqual(BigInt(regs.rsi.value), 2n);
        assert.strictEqual(BigInt(regs.rip.value), BigInt(s.top.instructionPointerReference));

        // memory: the bytes of b, through the memory reference the variables view hands out
        const b = (await scope(dc, s.top.id, 'Local')).b;
        const mem = (await dc.customRequest('readMemory', { memoryReference: b.memoryReference, count: 4 })).body;
        assert.strictEqual(Buffer.from(mem.data, 'base64').readInt32LE(0), 2);
        const rbp = BigInt(regs.rbp.value);
        assert.ok(BigInt(mem.address) < rbp && BigInt(mem.address) >= rbp - 16n, `b at ${mem.address} in add's frame below rbp ${regs.rbp.value}`);

        // disassembly from the stop address: clang's -O0 add loads a, then adds b
        const dis = (await dc.customRequest('disassemble', {
          memoryReference: s.top.instructionPointerReference, instructionCount: 3,
        })).body.instructions;
        assert.strictEqual(dis.length, 3);
        assert.strictEqual(BigInt(dis[0].address), BigInt(s.top.instructionPointerReference));
        assert.match(dis[0].instruction, /^mov\s+-0x4\(%rbp\),%eax/);
        assert.match(dis[1].instruction, /^add\s+-0x8\(%rbp\),%eax/);
        assert.ok(BigInt(dis[1].address) > BigInt(dis[0].address));
      } finally {
        await stop(dc);
      }
    });
  });
}
