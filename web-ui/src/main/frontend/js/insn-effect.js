// An instruction's effect at this stop, for the instruction about to run: "eax ← 0x2b; ZF ← 0",
// computed from the registers shown and the memory it reads (AT&T text, the common -O0
// instructions; null for anything else, rather than a guess).
import { big } from './dom.js';

const M64 = (1n << 64n) - 1n;
const GPR = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp'];
const OLD = { rax: ['eax', 'ax', 'al', 'ah'], rbx: ['ebx', 'bx', 'bl', 'bh'], rcx: ['ecx', 'cx', 'cl', 'ch'],
  rdx: ['edx', 'dx', 'dl', 'dh'], rsi: ['esi', 'si', 'sil'], rdi: ['edi', 'di', 'dil'], rbp: ['ebp', 'bp', 'bpl'], rsp: ['esp', 'sp', 'spl'] };
const SUFFIX = { b: 1, w: 2, l: 4, q: 8 };
const KNOWN = ['mov', 'lea', 'add', 'sub', 'and', 'or', 'xor', 'imul', 'cmp', 'test', 'inc', 'dec', 'push', 'pop', 'call', 'ret'];

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

/** {base, size, shift} of a register name ("eax" → rax, 4 bytes), or null. */
export function registerOf(name) {
  if (GPR.includes(name) || /^r(8|9|1[0-5])$/.test(name) || name === 'rip') return { base: name, size: 8, shift: 0n };
  for (const [base, subs] of Object.entries(OLD)) {
    const i = subs.indexOf(name);
    if (i >= 0) return { base, size: [4, 2, 1, 1][i], shift: name.endsWith('h') && i === 3 ? 8n : 0n };
  }
  const m = /^(r(?:8|9|1[0-5]))([dwb])$/.exec(name);
  return m ? { base: m[1], size: { d: 4, w: 2, b: 1 }[m[2]], shift: 0n } : null;
}

const mask = (size) => (1n << BigInt(8 * size)) - 1n;
const hex = (v) => `0x${v.toString(16)}`;
const signBit = (v, size) => (v >> BigInt(8 * size - 1)) & 1n;

/** Splits "a,b(c,d),e" at top-level commas. */
function operands(text) {
  const out = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * @param text the instruction's AT&T text (with its "# 0x… <sym>" comment, if any)
 * @param regs Map name → hex value string (the top frame's general registers)
 * @param read async (address BigInt, size) → BigInt little-endian value
 * @param next the next instruction's address (BigInt), for call
 * @returns Promise of "dest ← value; …" or null
 */
export async function effectAtStop(text, regs, read, next) {
  const hash = text.indexOf(' # ');
  const comment = hash < 0 ? '' : text.slice(hash);
  const m = /^\s*([a-z]+)\s*(.*)$/.exec(hash < 0 ? text : text.slice(0, hash));
  if (!m) return null;
  const [, mn, rest] = m;
  const ops = operands(rest);
  const reg = (name) => big(regs.get(name)); // eflags reads '0x246 [ ...flags... ]'
  const getReg = (r) => { const v = reg(r.base); return v == null ? null : (v >> r.shift) & mask(r.size); };
  const address = (op) => {
    const a = /^(-?(?:0x[0-9a-f]+|\d+))?\((%\w+)?(?:,(%\w+))?(?:,(\d))?\)$/.exec(op);
    if (!a) return null;
    if (a[2] === '%rip') { const t = /# (0x[0-9a-f]+)/.exec(comment); return t ? BigInt(t[1]) : null; }
    let v = a[1] ? BigInt(a[1].startsWith('-') ? -BigInt(a[1].slice(1)) : BigInt(a[1])) : 0n;
    if (a[2]) { const b = reg(a[2].slice(1)); if (b == null) return null; v += b; }
    if (a[3]) { const x = getReg(registerOf(a[3].slice(1)) ?? {}); if (x == null) return null; v += x * BigInt(a[4] ?? 1); }
    return v & M64;
  };
  // The mnemonic without its size suffix ("addl" → add; "sub" and "call" have none).
  const base = KNOWN.includes(mn) || !SUFFIX[mn.at(-1)] || !KNOWN.includes(mn.slice(0, -1)) ? mn : mn.slice(0, -1);
  // An operand's size: from a register operand, else from the mnemonic's suffix.
  const size = (() => {
    for (const op of ops) if (op.startsWith('%')) { const r = registerOf(op.slice(1)); if (r) return r.size; }
    return base !== mn ? SUFFIX[mn.at(-1)] : 8;
  })();
  const value = async (op, sz = size) => {
    if (op.startsWith('$')) return BigInt(op.slice(1).startsWith('-') ? -BigInt(op.slice(2)) : BigInt(op.slice(1))) & mask(sz);
    if (op.startsWith('%')) { const r = registerOf(op.slice(1)); return r ? getReg(r) : null; }
    const a = address(op);
    return a == null ? null : (await read(a, sz)) & mask(sz);
  };
  const dest = (op) => (op.startsWith('%') ? op.slice(1) : `${op} [${hex(address(op) ?? 0n)}]`);
  const flags = (r, sz) => `ZF ← ${r === 0n ? 1 : 0}; SF ← ${signBit(r, sz)}`;
  const rsp = reg('rsp');
  const arith = { add: (a, b) => a + b, sub: (a, b) => a - b, and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b, imul: (a, b) => a * b };
  if (mn.startsWith('mov') && !/^movs[bwlq]?$/.test(mn) && ops.length === 2) {
    const ext = /^mov([sz])([bwl])([wlq])$/.exec(mn);
    if (ext) {
      let v = await value(ops[0], SUFFIX[ext[2]]);
      if (v == null) return null;
      const from = SUFFIX[ext[2]], to = SUFFIX[ext[3]];
      if (ext[1] === 's' && signBit(v, from)) v = (v | ~mask(from)) & mask(to);
      return `${dest(ops[1])} ← ${hex(v)}`;
    }
    const v = await value(ops[0]);
    return v == null ? null : `${dest(ops[1])} ← ${hex(v)}`;
  }
  if (base === 'lea' && ops.length === 2) { const a = address(ops[0]); return a == null ? null : `${dest(ops[1])} ← ${hex(a & mask(size))}`; }
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
  if ((base === 'inc' || base === 'dec') && ops.length === 1) {
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
  if (base === 'pop' && ops.length === 1) return `${dest(ops[0])} ← ${hex(await read(rsp, 8))}; rsp ← ${hex(rsp + 8n)}`;
  if (base === 'call' && next != null) return `rsp ← ${hex(rsp - 8n)}; [${hex(rsp - 8n)}] ← ${hex(next)} (the return address)`;
  if (base === 'ret') return `rip ← ${hex(await read(rsp, 8))} (the return address); rsp ← ${hex(rsp + 8n)}`;
  const cond = CONDITIONS[mn.slice(1)];
  if (mn.startsWith('j') && (cond || mn === 'jmp')) {
    if (mn === 'jmp') return 'jumps (always)';
    const fl = reg('eflags') ?? reg('rflags');
    if (fl == null) return null;
    const f = { CF: fl & 1n, ZF: (fl >> 6n) & 1n, SF: (fl >> 7n) & 1n, OF: (fl >> 11n) & 1n };
    const [test, uses] = cond;
    return `${test(f) ? 'jumps' : 'does not jump'} (${uses.map((u) => `${u} = ${f[u]}`).join(', ')})`;
  }
  return null;
}
