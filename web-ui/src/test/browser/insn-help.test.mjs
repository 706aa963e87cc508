// The instruction help's coverage: every instruction family a learner meets in -O0 code (gcc and
// clang, AT&T and Intel spellings) has a description naming its flags, and %rbp slots are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, mnemonicOf, nameStackOperands } from '../../main/frontend/js/insn-help.js';

// As objdump and gdb spell them at -O0 (AT&T suffixes included) and in Intel syntax.
const SEEN_AT_O0 = [
  'mov', 'movl', 'movq', 'movabs', 'movzbl', 'movzwl', 'movzx', 'movsbl', 'movslq', 'movsx', 'movsxd', 'lea', 'push',
  'pushq', 'pop', 'call', 'ret', 'jmp', 'je', 'jne', 'jl', 'jle', 'jg', 'jge', 'jb', 'jbe', 'ja', 'jae', 'js', 'cmp', 'cmpl',
  'test', 'add', 'addl', 'sub', 'subq', 'imul', 'idiv', 'idivl', 'div', 'inc', 'dec', 'and', 'or', 'xor', 'not', 'neg',
  'shl', 'sar', 'shr', 'cdq', 'cltd', 'cqo', 'cqto', 'cltq', 'cdqe', 'leave', 'nop', 'nopw', 'endbr64', 'syscall',
  'sete', 'setne', 'setg', 'setl', 'setle', 'setge', 'seta', 'setb', 'cmove', 'cmovne', 'cmovl', 'cmovge',
  'movss', 'movsd', 'movaps', 'movapd', 'movd', 'addss', 'addsd', 'subss', 'subsd', 'mulss', 'mulsd', 'divss', 'divsd',
  'cvtsi2sd', 'cvtsi2ss', 'cvttsd2si', 'cvttss2si', 'cvtss2sd', 'cvtsd2ss', 'ucomisd', 'ucomiss', 'pxor', 'xorps',
];

test('every instruction family met at -O0 has its help, saying what happens to the flags', () => {
  for (const m of SEEN_AT_O0) {
    const help = describe(m, m.startsWith('mov') && m.endsWith('q') ? '%rax,%rbx' : '');
    assert.ok(help, `${m} has help`);
    assert.match(help, new RegExp(`^${m}: `), m);
    assert.match(help, /flag|[CZSOP]F|rflags/i, `${m} says what it does to the flags: ${help}`);
  }
  assert.equal(describe('vpternlogd'), null, 'no made-up help for the rest');
});

test('conditions are explained by the flags they test, and movq tells integer from SSE', () => {
  assert.match(describe('jle'), /less or equal, signed \(ZF = 1 or SF ≠ OF\)/);
  assert.match(describe('ja'), /above, unsigned \(CF = 0 and ZF = 0\)/);
  assert.match(describe('movq', '%rsp,%rbp'), /Copies the source operand/);
  assert.match(describe('movq', '%xmm0,%rax'), /XMM register/);
});

test('the mnemonic is found after prefixes, and stack operands are named after their variables', () => {
  assert.equal(mnemonicOf('lock addl $0x1,(%rax)'), 'addl');
  assert.equal(mnemonicOf('notrack jmp *%rax'), 'jmp');
  const slots = [{ name: 'i', offset: -12, parameter: false }, { name: 'n', offset: -20, parameter: true }];
  assert.deepEqual(nameStackOperands('movl   $0x0,-0xc(%rbp)', slots).map((o) => [o.text, o.name]), [['-0xc(%rbp)', 'i']]);
  assert.deepEqual(nameStackOperands('mov    DWORD PTR [rbp-0x14],edi', slots).map((o) => [o.text, o.name]), [['[rbp-0x14]', 'n']]);
  assert.deepEqual(nameStackOperands('mov    0x8(%rbp),%rax', slots).map((o) => o.note), ['the return address']);
  assert.deepEqual(nameStackOperands('mov    -0x4(%rsp),%eax', slots), [], 'only %rbp slots');
});
