// What the page needs to know of the server's processor, by /mode.json's `arch` ('x86-64',
// 'aarch64'; unknown until it answers, then x86-64's, the page's first architecture): the stack
// pointer the memory panel follows, the frame pointer whose chain of saved frame pointers the
// stack-frame picture walks (AArch64's frame record, saved x29 then x30, has x86-64's layout: saved
// rbp, then the return address), and how many bytes of a function's prologue run before that
// register is the function's own (push %rbp; mov %rsp,%rbp: 4; clang's -O0 AArch64 sub sp; stp
// x29, x30; add x29, sp: 12).

const ARCHES = {
  'x86-64': { stackPointer: 'rsp', framePointer: 'rbp', prologueBytes: 4n },
  aarch64: { stackPointer: 'sp', framePointer: 'x29', prologueBytes: 12n },
};

/** The registers of architecture `arch` the page names (x86-64's when it is not known). */
export function archRegisters(arch) {
  return ARCHES[arch] ?? ARCHES['x86-64'];
}
