// The instruction effect reads AT&T and Intel alike: for every instruction gdb disassembles in
// effect_forms.c (built at -O0 by clang and by gcc), the effect computed from gdb's Intel text equals the
// one computed from its AT&T text, at the same made-up stop. gdb's two listings are the oracle for which
// operand is which; the browser test (insn-effect.test.mjs) checks the effects against a real stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { effectAtStop } from '../../main/frontend/js/insn-effect.js';

const SOURCE = fileURLToPath(new URL('../../../../tracer/src/test/resources/programs/effect_forms.c', import.meta.url));

/** gdb's listing of `functions` in `flavor`: Map address → text (its "# 0x… <sym>" comment included). */
function listing(binary, flavor, functions) {
  const out = execFileSync('gdb', ['-nx', '-batch', '-ex', `set disassembly-flavor ${flavor}`,
    ...functions.flatMap((f) => ['-ex', `disassemble ${f}`]), binary], { encoding: 'utf8' });
  const rows = new Map();
  for (const m of out.matchAll(/^\s+(0x[0-9a-f]+) <\+\d+>:\t(.*)$/gm)) rows.set(BigInt(m[1]), m[2]);
  return rows;
}

// A stop made up for the comparison: registers with distinct values, memory whose bytes follow the address.
const REGS = new Map(Object.entries({ rax: '0x2a', rbx: '0x3', rcx: '0x5', rdx: '0xfffffffffffffff9', rsi: '0x7ffe2000',
  rdi: '0x1', rbp: '0x7ffe1000', rsp: '0x7ffe0fd0', r8: '0x10', r9: '0x0', r10: '0x80', r11: '0x246', r12: '0x0', r13: '0x0',
  r14: '0x0', r15: '0x0', rip: '0x1000', eflags: '0x283 [ CF SF IF ]' }));
const read = async (address, size) => {
  let v = 0n;
  for (let i = BigInt(size) - 1n; i >= 0n; i--) v = (v << 8n) | ((address + i) * 7n & 0xffn);
  return v;
};
/** The destination named as the listing writes it ("-0x8(%rbp) [0x…]", "[rbp-0x8] [0x…]") → its address alone. */
const neutral = (effect) => effect?.replace(/(^|; )\S+ (\[0x[0-9a-f]+\] ←)/g, '$1$2') ?? null;

for (const compiler of ['clang', 'gcc']) {
  test(`${compiler} -O0: every instruction has the same effect in Intel syntax as in AT&T`, { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-effect-'));
    try {
      const binary = join(dir, 'effect_forms');
      execFileSync(compiler, ['-O0', '-g', '-o', binary, SOURCE]);
      const att = listing(binary, 'att', ['main', 'scale']);
      const intel = listing(binary, 'intel', ['main', 'scale']);
      assert.deepEqual([...intel.keys()], [...att.keys()], 'the same instructions');
      const mnemonics = new Set();
      for (const [address, text] of att) {
        const next = address + 1n; // any return address will do, the same for both
        const fromAtt = await effectAtStop(text, REGS, read, next, 'att');
        const fromIntel = await effectAtStop(intel.get(address), REGS, read, next, 'intel');
        assert.equal(neutral(fromIntel), neutral(fromAtt), `${text}  |  ${intel.get(address)}`);
        if (fromAtt) mnemonics.add(intel.get(address).split(/\s+/)[0]);
      }
      // What -O0 code of this program is made of, each with its effect (named in Intel).
      for (const m of ['push', 'pop', 'mov', 'movsx', 'movzx', 'lea', 'add', 'sub', 'imul', 'cmp', 'xor', 'and', 'call', 'ret', 'jmp']) {
        assert.ok(mnemonics.has(m), `${m} has an effect; those with one: ${[...mnemonics].sort()}`);
      }
      assert.ok([...mnemonics].some((m) => /^j(?!mp)/.test(m)), 'a conditional jump has an effect');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
