// Instruction help for the Disassembly panel: what an instruction does, in a sentence or two of our
// own (its operation and the flags it sets), for the instructions a learner meets in -O0 code, and
// the variables its stack operands are (`-0xc(%rbp)` is `i`). AT&T and Intel spellings alike.

const FLAGS_ARITH = 'Sets CF, OF, SF, ZF, AF and PF from the result.';
const FLAGS_LOGIC = 'Sets SF, ZF and PF from the result and clears CF and OF.';

const CONDITIONS = {
  e: 'equal (ZF = 1)', z: 'zero (ZF = 1)', ne: 'not equal (ZF = 0)', nz: 'not zero (ZF = 0)',
  l: 'less, signed (SF ≠ OF)', nge: 'less, signed (SF ≠ OF)', ge: 'greater or equal, signed (SF = OF)',
  nl: 'greater or equal, signed (SF = OF)', le: 'less or equal, signed (ZF = 1 or SF ≠ OF)',
  ng: 'less or equal, signed (ZF = 1 or SF ≠ OF)', g: 'greater, signed (ZF = 0 and SF = OF)',
  nle: 'greater, signed (ZF = 0 and SF = OF)', b: 'below, unsigned (CF = 1)', c: 'carry (CF = 1)',
  nae: 'below, unsigned (CF = 1)', ae: 'above or equal, unsigned (CF = 0)', nb: 'above or equal, unsigned (CF = 0)',
  nc: 'no carry (CF = 0)', be: 'below or equal, unsigned (CF = 1 or ZF = 1)', na: 'below or equal, unsigned (CF = 1 or ZF = 1)',
  a: 'above, unsigned (CF = 0 and ZF = 0)', nbe: 'above, unsigned (CF = 0 and ZF = 0)', s: 'negative (SF = 1)',
  ns: 'not negative (SF = 0)', o: 'overflow (OF = 1)', no: 'no overflow (OF = 0)', p: 'parity even (PF = 1)',
  pe: 'parity even (PF = 1)', np: 'parity odd (PF = 0)', po: 'parity odd (PF = 0)',
};

const HELP = {
  mov: 'Copies the source operand into the destination (register, memory or a constant; never memory to memory). Flags are unchanged.',
  movzx: 'Copies a smaller source into a larger destination, filling the upper bits with zeros (zero extension, for unsigned values). Flags are unchanged.',
  movsx: 'Copies a smaller source into a larger destination, filling the upper bits with copies of the sign bit (sign extension, for signed values). Flags are unchanged.',
  lea: 'Load effective address: computes the address of the memory operand and puts that address (not the memory\'s contents) in the register. Often used for arithmetic. Flags are unchanged.',
  push: 'Decrements rsp by the operand size and stores the operand at the new top of the stack. Flags are unchanged.',
  pop: 'Loads the value at the top of the stack into the operand, then increments rsp. Flags are unchanged.',
  call: 'Pushes the address of the next instruction (the return address) and jumps to the target function. Flags are unchanged.',
  ret: 'Pops the return address off the stack and jumps to it, back to the caller. Flags are unchanged.',
  jmp: 'Jumps to the target unconditionally. Flags are unchanged.',
  cmp: 'Compares: subtracts the source from the destination only to set the flags (the result is discarded), for a following jcc, setcc or cmovcc. ' + FLAGS_ARITH,
  test: 'Bitwise AND of the two operands only to set the flags (the result is discarded); `test %eax,%eax` checks for zero or negative. ' + FLAGS_LOGIC,
  add: 'Adds the source to the destination. ' + FLAGS_ARITH,
  sub: 'Subtracts the source from the destination. ' + FLAGS_ARITH,
  imul: 'Signed multiply: with two or three operands the destination gets the product, truncated to its size. Sets CF and OF when the product did not fit; SF, ZF, PF are undefined.',
  mul: 'Unsigned multiply of rax (or eax…) by the operand; the double-width product goes to rdx:rax. Sets CF and OF when the upper half is not zero.',
  idiv: 'Signed divide of rdx:rax (edx:eax for 32 bits) by the operand: the quotient goes to rax, the remainder to rdx. A zero divisor raises SIGFPE. Flags are undefined.',
  div: 'Unsigned divide of rdx:rax (edx:eax for 32 bits) by the operand: the quotient goes to rax, the remainder to rdx. A zero divisor raises SIGFPE. Flags are undefined.',
  inc: 'Adds 1 to the operand. Sets OF, SF, ZF, AF and PF; CF is unchanged.',
  dec: 'Subtracts 1 from the operand. Sets OF, SF, ZF, AF and PF; CF is unchanged.',
  and: 'Bitwise AND of the two operands into the destination. ' + FLAGS_LOGIC,
  or: 'Bitwise OR of the two operands into the destination. ' + FLAGS_LOGIC,
  xor: 'Bitwise exclusive OR into the destination; `xor %eax,%eax` is the usual way to set a register to 0. ' + FLAGS_LOGIC,
  not: 'Inverts every bit of the operand (one\'s complement). Flags are unchanged.',
  neg: 'Negates the operand (two\'s complement: 0 − operand). Sets CF (unless the operand was 0), OF, SF, ZF, AF and PF.',
  shl: 'Shifts the destination left by the count, filling with zeros (multiplies by 2^count). CF gets the last bit shifted out; SF, ZF, PF are set from the result.',
  sal: 'Shifts the destination left by the count, filling with zeros (multiplies by 2^count). CF gets the last bit shifted out; SF, ZF, PF are set from the result.',
  sar: 'Shifts right by the count, filling with copies of the sign bit (signed division by 2^count, rounding down). CF gets the last bit shifted out; SF, ZF, PF are set from the result.',
  shr: 'Shifts right by the count, filling with zeros (unsigned division by 2^count). CF gets the last bit shifted out; SF, ZF, PF are set from the result.',
  cltq: 'Sign-extends eax into rax (Intel: cdqe), e.g. to use a 32-bit int as a 64-bit index. Flags are unchanged.',
  cltd: 'Sign-extends eax into edx:eax (Intel: cdq), preparing a 32-bit signed idiv. Flags are unchanged.',
  cqto: 'Sign-extends rax into rdx:rax (Intel: cqo), preparing a 64-bit signed idiv. Flags are unchanged.',
  cwtl: 'Sign-extends ax into eax (Intel: cwde). Flags are unchanged.',
  leave: 'Ends a stack frame: copies rbp into rsp (dropping the locals), then pops the caller\'s rbp. Flags are unchanged.',
  nop: 'Does nothing (used as padding to align code). Flags are unchanged.',
  endbr64: 'Marks a valid target of an indirect jump or call (Intel CET); it does nothing otherwise. Flags are unchanged.',
  syscall: 'Asks the kernel for a service: the system call number is in rax, its arguments in rdi, rsi, rdx, r10, r8, r9; the result comes back in rax. rcx and r11 are overwritten (r11 with a copy of the flags, which themselves come back unchanged).',
  hlt: 'Halts the processor; in a user program it is not allowed and raises SIGSEGV.',
  ud2: 'An undefined instruction on purpose: raises SIGILL (compilers put it where execution must never arrive).',
  int3: 'A breakpoint trap: raises SIGTRAP, which a debugger catches.',
  movs_sse: 'Copies one float (movss) or double (movsd) between an XMM register and memory or another XMM register. Flags are unchanged.',
  movap: 'Copies a whole 128-bit XMM register (four floats or two doubles) to another register or aligned memory. Flags are unchanged.',
  movd: 'Copies 32 (movd) or 64 (movq) bits between a general register or memory and the low part of an XMM register. Flags are unchanged.',
  addsd: 'Adds the source floating-point value (float: addss, double: addsd) to the destination XMM register. Flags are unchanged.',
  subsd: 'Subtracts the source floating-point value (float: subss, double: subsd) from the destination XMM register. Flags are unchanged.',
  mulsd: 'Multiplies the destination XMM register by the source floating-point value (float: mulss, double: mulsd). Flags are unchanged.',
  divsd: 'Divides the destination XMM register by the source floating-point value (float: divss, double: divsd). Flags are unchanged.',
  cvt: 'Converts between integers and floating-point values (si = integer, ss = float, sd = double; the extra t truncates toward zero, as a C cast does). Flags are unchanged.',
  ucomisd: 'Compares two floating-point values (float: ucomiss, double: ucomisd) and sets ZF, PF and CF like an unsigned compare (PF = 1 when either is NaN); clears OF, SF and AF.',
  pxor: 'Bitwise exclusive OR of whole XMM registers; `pxor %xmm0,%xmm0` (or xorps) sets it to 0.0. Flags are unchanged.',
};

const ALIASES = {
  movzbl: 'movzx', movzwl: 'movzx', movzbw: 'movzx', movzbq: 'movzx', movzwq: 'movzx',
  movsbl: 'movsx', movswl: 'movsx', movsbw: 'movsx', movsbq: 'movsx', movswq: 'movsx', movslq: 'movsx', movsxd: 'movsx',
  movabs: 'mov', cdqe: 'cltq', cdq: 'cltd', cqo: 'cqto', cwde: 'cwtl',
  movss: 'movs_sse', movsd: 'movs_sse', movaps: 'movap', movapd: 'movap', movups: 'movap', movupd: 'movap', movdqa: 'movap', movdqu: 'movap',
  movq: 'movd', addss: 'addsd', subss: 'subsd', mulss: 'mulsd', divss: 'divsd', ucomiss: 'ucomisd', comiss: 'ucomisd', comisd: 'ucomisd',
  xorps: 'pxor', xorpd: 'pxor',
};

const PREFIXES = new Set(['lock', 'rep', 'repz', 'repe', 'repnz', 'repne', 'bnd', 'notrack', 'data16', 'addr32', 'cs', 'ds']);

/** The mnemonic of an instruction's text, after prefixes: `lock addl …` -> `addl`. */
export function mnemonicOf(text) {
  const words = (text ?? '').trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && PREFIXES.has(words[i])) i++;
  return words[i] ?? '';
}

/** One or two sentences on what `mnemonic` does (`operands` tell movq's two kinds apart), or null. */
export function describe(mnemonic, operands = '') {
  const m = (mnemonic ?? '').toLowerCase();
  if (!m) return null;
  const known = (name) => HELP[ALIASES[name] ?? name] ?? null;
  // AT&T's movq is a 64-bit integer mov unless an XMM register is involved.
  let help = m === 'movq' && !/xmm/i.test(operands) ? HELP.mov : known(m);
  // An AT&T size suffix (b, w, l, q) on a known base: addl, pushq, shlq…
  if (!help && /[bwlq]$/.test(m)) help = known(m.slice(0, -1));
  if (help) return `${m}: ${help}`;
  if (/^cvtt?s[isd]2s[isd]/.test(m)) return `${m}: ${HELP.cvt}`;
  const cc = (prefix) => (m.startsWith(prefix) ? CONDITIONS[m.slice(prefix.length)] ?? CONDITIONS[m.slice(prefix.length, -1)] : null);
  const jcc = m !== 'jmp' ? cc('j') : null;
  if (jcc) return `${m}: Jumps to the target if the last comparison found ${jcc}; otherwise goes on to the next instruction. Flags are unchanged.`;
  const setcc = cc('set');
  if (setcc) return `${m}: Sets the byte operand to 1 if the last comparison found ${setcc}, else to 0. Flags are unchanged.`;
  const cmov = cc('cmov');
  if (cmov) return `${m}: Copies the source into the register only if the last comparison found ${cmov}. Flags are unchanged.`;
  return null;
}

/** `%rbp`-relative stack operands in an instruction's text: [{text, offset}] (AT&T and Intel). */
export function stackOperands(text) {
  const out = [];
  for (const m of (text ?? '').matchAll(/(-?0x[0-9a-f]+|-?\d+)?\(%rbp\)/gi)) {
    out.push({ text: m[0], offset: m[1] ? Number(m[1].startsWith('-') ? -parseInt(m[1].slice(1)) : parseInt(m[1])) : 0 });
  }
  for (const m of (text ?? '').matchAll(/\[rbp(?:\s*([-+])\s*(0x[0-9a-f]+|\d+))?\]/gi)) {
    const n = m[2] ? parseInt(m[2]) : 0;
    out.push({ text: m[0], offset: m[1] === '-' ? -n : n });
  }
  return out;
}

/** What each stack operand of `text` is, given the function's slots [{name, offset, parameter}]. */
export function nameStackOperands(text, slots) {
  const named = [];
  for (const op of stackOperands(text)) {
    const slot = (slots ?? []).find((s) => s.offset === op.offset);
    if (slot) named.push({ ...op, name: slot.name, parameter: slot.parameter });
    else if (op.offset === 0) named.push({ ...op, name: null, note: 'the caller\'s saved rbp' });
    else if (op.offset === 8) named.push({ ...op, name: null, note: 'the return address' });
  }
  return named;
}
