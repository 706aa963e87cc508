// An instruction's text, AT&T or Intel, as the effect at this stop needs it: the mnemonic without
// its AT&T size suffix, the operand size, and the operands in one order (source first, destination
// last, as AT&T writes them), each an immediate, a register or a memory operand with its address
// parts. The syntax is told by the operands themselves (`%rax`, `$1`, `-8(%rbp)` against `rax`,
// `dword ptr [rbp-0x8]`), so one function reads a listing in either; only an instruction whose
// operands are all bare numbers (Intel `push 0x0`, AT&T `incl 0x601040`) needs the listing's syntax
// said. What fits neither is {kind: 'other'} and gets no effect rather than a guess.

const GPR = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp'];
const OLD = { rax: ['eax', 'ax', 'al', 'ah'], rbx: ['ebx', 'bx', 'bl', 'bh'], rcx: ['ecx', 'cx', 'cl', 'ch'],
  rdx: ['edx', 'dx', 'dl', 'dh'], rsi: ['esi', 'si', 'sil'], rdi: ['edi', 'di', 'dil'], rbp: ['ebp', 'bp', 'bpl'], rsp: ['esp', 'sp', 'spl'] };
const SUFFIX = { b: 1, w: 2, l: 4, q: 8 };
const PTR = { byte: 1, word: 2, dword: 4, qword: 8 };
/** The mnemonics whose AT&T size suffix is dropped ("addl" → add). */
export const KNOWN = ['mov', 'movabs', 'lea', 'add', 'sub', 'and', 'or', 'xor', 'imul', 'cmp', 'test', 'inc', 'dec', 'push', 'pop', 'call', 'ret'];

/** {base, size, shift} of a general register's name ("eax" → rax, 4 bytes), or null (xmm0, fs, …). */
export function registerOf(name) {
  if (GPR.includes(name) || /^r(8|9|1[0-5])$/.test(name) || name === 'rip') return { base: name, size: 8, shift: 0n };
  for (const [base, subs] of Object.entries(OLD)) {
    const i = subs.indexOf(name);
    if (i >= 0) return { base, size: [4, 2, 1, 1][i], shift: name.endsWith('h') && i === 3 ? 8n : 0n };
  }
  const m = /^(r(?:8|9|1[0-5]))([dwb])$/.exec(name);
  return m ? { base: m[1], size: { d: 4, w: 2, b: 1 }[m[2]], shift: 0n } : null;
}

const number = (s) => (s.startsWith('-') ? -BigInt(s.slice(1)) : BigInt(s));
const NUMBER = /^-?(?:0x[0-9a-f]+|\d+)$/;

/** Splits "a,b(c,d),e" at top-level commas. */
function split(text) {
  const out = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** An AT&T operand, or null when it is not one. */
function attOperand(op) {
  if (op.startsWith('$') && NUMBER.test(op.slice(1))) return { kind: 'imm', value: number(op.slice(1)) };
  if (/^%\w+$/.test(op)) return { kind: 'reg', name: op.slice(1), reg: registerOf(op.slice(1)) };
  const a = /^(-?(?:0x[0-9a-f]+|\d+))?\((%\w+)?(?:,(%\w+))?(?:,(\d))?\)$/.exec(op);
  if (!a || !op.includes('%')) return null;
  return { kind: 'mem', text: op, size: null, disp: a[1] ? number(a[1]) : 0n,
    base: a[2]?.slice(1) ?? null, index: a[3]?.slice(1) ?? null, scale: BigInt(a[4] ?? 1) };
}

/** An Intel operand (a bare number only as an immediate), or null when it is not one. */
function intelOperand(op) {
  if (registerOf(op) || /^(xmm|ymm|zmm|st|mm|k)\d*$/.test(op)) return { kind: 'reg', name: op, reg: registerOf(op) };
  const m = /^(?:(byte|word|dword|qword|\w+) ptr )?(?:([a-z]s):)?\[([^\]]*)\]$/i.exec(op);
  if (!m) return null;
  const mem = { kind: 'mem', text: `${m[2] ? `${m[2]}:` : ''}[${m[3]}]`, size: m[1] ? PTR[m[1].toLowerCase()] ?? null : null,
    disp: 0n, base: null, index: null, scale: 1n, segment: m[2] ?? null };
  for (const [, sign, term] of m[3].replace(/\s+/g, '').matchAll(/([-+]?)([^-+]+)/g)) {
    const scaled = /^(\w+)\*(\d)$/.exec(term);
    if (scaled) { mem.index = scaled[1]; mem.scale = BigInt(scaled[2]); } else if (NUMBER.test(term)) mem.disp += sign === '-' ? -number(term) : number(term);
    else if (mem.base == null && sign !== '-') mem.base = term;
    else if (mem.index == null && sign !== '-') mem.index = term;
    else return null;
  }
  return mem;
}

/**
 * @param text an instruction's text, AT&T or Intel, with its "# 0x… <sym>" comment, if any
 * @param listed the listing's syntax ('att' or 'intel'), if known: for operands that do not tell
 * @returns {mnemonic, size, extend: {sign, from, to} | null, ops: [operand] source first, comment} or null
 */
export function parseInstruction(text, listed = null) {
  const hash = text.indexOf(' # ');
  const comment = hash < 0 ? '' : text.slice(hash);
  const m = /^\s*([a-z0-9]+)\s*(.*)$/.exec(hash < 0 ? text : text.slice(0, hash));
  if (!m) return null;
  const [, mn, rest] = m;
  const texts = split(rest.trim());
  const att = texts.map(attOperand);
  const intel = texts.map(intelOperand);
  let ops;
  let syntax;
  if (att.some(Boolean)) { syntax = 'att'; ops = att; } else if (intel.some(Boolean)) { syntax = 'intel'; ops = intel; } else syntax = listed;
  // A bare number is an immediate in Intel syntax; in AT&T (no "$") an absolute address: not told apart alone.
  ops = texts.map((t, i) => ops?.[i] ?? (syntax === 'intel' && NUMBER.test(t) ? { kind: 'imm', value: number(t) } : { kind: 'other', text: t }));
  if (syntax === 'intel') ops.reverse();
  const sized = (op) => (op.kind === 'reg' ? op.reg?.size : op.kind === 'mem' ? op.size : null) ?? null;
  const regSize = ops.map((op) => (op.kind === 'reg' ? op.reg?.size : null)).find(Boolean);
  let mnemonic = mn;
  let size = regSize ?? (syntax === 'intel' ? ops.map(sized).find(Boolean) : null) ?? 8;
  let extend = null;
  const attExtend = /^mov([sz])([bwl])([wlq])$/.exec(mn);
  if (attExtend) {
    extend = { sign: attExtend[1] === 's', from: SUFFIX[attExtend[2]], to: SUFFIX[attExtend[3]] };
    mnemonic = attExtend[1] === 's' ? 'movsx' : 'movzx';
  } else if (/^mov(zx|sx|sxd)$/.test(mn) && ops.length === 2 && sized(ops[0]) && sized(ops[1])) {
    extend = { sign: mn !== 'movzx', from: sized(ops[0]), to: sized(ops[1]) };
    mnemonic = mn === 'movzx' ? 'movzx' : 'movsx';
  } else if (syntax !== 'intel' && !KNOWN.includes(mn) && SUFFIX[mn.at(-1)] && KNOWN.includes(mn.slice(0, -1))) {
    mnemonic = mn.slice(0, -1);
    if (regSize == null) size = SUFFIX[mn.at(-1)];
  }
  return { mnemonic, size, extend, ops, comment };
}
