// An instruction's effect at this stop, for the instruction about to run: "eax ← 0x2b; ZF ← 0",
// computed from the registers shown and the memory it reads (AT&T or Intel text, read by
// insn-operands.js; the common -O0 instructions; null for anything else, rather than a guess).
import { big } from './dom.js';
import { parseInstruction, registerOf } from './insn-operands.js';

const M64 = (1n << 64n) - 1n;

// Conditional jumps: whether they jump, from the flags they test (Intel SDM, Jcc).
const CONDITIONS = {
  e: [(f) => f.ZF === 1n, ['ZF']], z: [(f) => f.ZF === 1n, ['ZF']],
  ne: [(f) => f.ZF === 0n, ['ZF']], nz: [(f) => f.ZF === 0n, ['ZF']],
  l: [(f) => f.SF !== f.OF, ['SF', 'OF']], nge: [(f) => f.SF !== f.OF, ['SF', 'OF']],
  ge: [(f) => f.SF === f.OF, ['SF', 'OF']], nl: [(f) => f.SF === f.OF, ['SF', 'OF']],
  le: [(f) => f.ZF === 1n || f.SF !== f.OF, ['ZF', 'SF', 'OF']], ng: [(f) => f.ZF === 1n || f.SF !== f.OF, ['ZF', 'SF', 'OF']],
  g: [(f) => f.ZF === 0n && f.SF === f.OF, ['ZF', 'SF', 'OF']], nle: [(f) => f.ZF === 0n && f.SF === f.OF, ['ZF', 'SF', 'OF']],
  b: [(f) => f.CF === 1n, ['CF']], c: [(f) => f.CF === 1n, ['CF']], nae: [(f) => f.CF === 1n, ['CF']],
  ae: [(f) => f.CF === 0n, ['CF']], nb: [(f) => f.CF === 0n, ['CF']], nc: [(f) => f.CF === 0n, ['CF']],
  be: [(f) => f.CF === 1n || f.ZF === 1n, ['CF', 'ZF']], na: [(f) => f.CF === 1n || f.ZF === 1n, ['CF', 'ZF']],
  a: [(f) => f.CF === 0n && f.ZF === 0n, ['CF', 'ZF']], nbe: [(f) => f.CF === 0n && f.ZF === 0n, ['CF', 'ZF']],
  s: [(f) => f.SF === 1n, ['SF']], ns: [(f) => f.SF === 0n, ['SF']],
  o: [(f) => f.OF === 1n, ['OF']], no: [(f) => f.OF === 0n, ['OF']],
};

const mask = (size) => (1n << BigInt(8 * size)) - 1n;
const hex = (v) => `0x${v.toString(16)}`;
const signBit = (v, size) => (v >> BigInt(8 * size - 1)) & 1n;

/**
 * @param text the instruction's text, AT&T or Intel (with its "# 0x… <sym>" comment, if any)
 * @param regs Map name → hex value string (the top frame's general registers)
 * @param read async (address BigInt, size) → BigInt little-endian value
 * @param next the next instruction's address (BigInt), for call
 * @param listed the listing's syntax ('att' or 'intel'), if known (see parseInstruction)
 * @returns Promise of "dest ← value; …" or null
 */
export async function effectAtStop(text, regs, read, next, listed = null) {
  const insn = parseInstruction(text, listed);
  if (!insn) return null;
  const { mnemonic: base, size, extend, ops, comment } = insn;
  const reg = (name) => big(regs.get(name)); // eflags reads '0x246 [ ...flags... ]'
  const getReg = (r) => { const v = r && reg(r.base); return v == null ? null : (v >> r.shift) & mask(r.size); };
  const address = (op) => {
    if (op.kind !== 'mem' || op.segment) return null;
    if (op.base === 'rip') { const t = /# (0x[0-9a-f]+)/.exec(comment); return t ? BigInt(t[1]) : null; }
    let v = op.disp;
    if (op.base) { const b = reg(op.base); if (b == null) return null; v += b; }
    if (op.index) { const x = getReg(registerOf(op.index)); if (x == null) return null; v += x * op.scale; }
    return v & M64;
  };
  const value = async (op, sz = size) => {
    if (op.kind === 'imm') return op.value & mask(sz);
    if (op.kind === 'reg') return getReg(op.reg);
    const a = address(op);
    return a == null ? null : (await read(a, sz)) & mask(sz);
  };
  const dest = (op) => (op.kind === 'reg' && op.reg ? op.name : op.kind === 'mem' && address(op) != null ? `${op.text} [${hex(address(op))}]` : null);
  const flags = (r, sz) => `ZF ← ${r === 0n ? 1 : 0}; SF ← ${signBit(r, sz)}`;
  const rsp = reg('rsp');
  const arith = { add: (a, b) => a + b, sub: (a, b) => a - b, and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b, imul: (a, b) => a * b };
  const two = ops.length === 2 && dest(ops[1]) != null;
  if (extend && two) {
    let v = await value(ops[0], extend.from);
    if (v == null) return null;
    if (extend.sign && signBit(v, extend.from)) v = (v | ~mask(extend.from)) & mask(extend.to);
    return `${dest(ops[1])} ← ${hex(v)}`;
  }
  if ((base === 'mov' || base === 'movabs') && two) {
    const v = await value(ops[0]);
    return v == null ? null : `${dest(ops[1])} ← ${hex(v)}`;
  }
  if (base === 'lea' && two) { const a = address(ops[0]); return a == null ? null : `${dest(ops[1])} ← ${hex(a & mask(size))}`; }
  if ((arith[base] || base === 'cmp' || base === 'test') && ops.length === 2) {
    const [s, d] = [await value(ops[0]), await value(ops[1])];
    if (s == null || d == null) return null;
    const op = base === 'cmp' ? arith.sub : base === 'test' ? arith.and : arith[base];
    const r = op(d, s) & mask(size);
    let f = flags(r, size);
    if (base === 'add' || base === 'sub' || base === 'cmp') {
      const cf = base === 'add' ? (d + s > mask(size) ? 1 : 0) : (s > d ? 1 : 0);
      f += `; CF ← ${cf}`;
    }
    if (base === 'imul') return `${dest(ops[1])} ← ${hex(r)}`; // its ZF and SF are undefined (Intel SDM)
    return base === 'cmp' || base === 'test' ? f : `${dest(ops[1])} ← ${hex(r)}; ${f}`;
  }
  if ((base === 'inc' || base === 'dec') && ops.length === 1 && dest(ops[0]) != null) {
    const d = await value(ops[0]);
    if (d == null) return null;
    const r = (base === 'inc' ? d + 1n : d - 1n) & mask(size);
    return `${dest(ops[0])} ← ${hex(r)}; ${flags(r, size)}`;
  }
  if (rsp == null) return null;
  if (base === 'push' && ops.length === 1) {
    const v = await value(ops[0], 8);
    return v == null ? null : `rsp ← ${hex(rsp - 8n)}; [${hex(rsp - 8n)}] ← ${hex(v)}`;
  }
  if (base === 'pop' && ops.length === 1 && dest(ops[0]) != null) return `${dest(ops[0])} ← ${hex(await read(rsp, 8))}; rsp ← ${hex(rsp + 8n)}`;
  if (base === 'call' && next != null) return `rsp ← ${hex(rsp - 8n)}; [${hex(rsp - 8n)}] ← ${hex(next)} (the return address)`;
  if (base === 'ret') return `rip ← ${hex(await read(rsp, 8))} (the return address); rsp ← ${hex(rsp + 8n)}`;
  const cond = CONDITIONS[base.slice(1)];
  if (base.startsWith('j') && (cond || base === 'jmp')) {
    if (base === 'jmp') return 'jumps (always)';
    const fl = reg('eflags') ?? reg('rflags');
    if (fl == null) return null;
    const f = { CF: fl & 1n, ZF: (fl >> 6n) & 1n, SF: (fl >> 7n) & 1n, OF: (fl >> 11n) & 1n };
    const [test, uses] = cond;
    return `${test(f) ? 'jumps' : 'does not jump'} (${uses.map((u) => `${u} = ${f[u]}`).join(', ')})`;
  }
  return null;
}
