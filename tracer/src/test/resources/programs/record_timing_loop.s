# Record/replay fixture: rdtsc, rdtscp and cpuid in a loop of 40, their results folded into the
# exit status, so a replay that answers any of them differently ends differently.
    .globl _start
    .text
_start:
    xor %r12d, %r12d            # the fold
    mov $40, %r13d
loop:
    rdtsc                       # BREAK: rdtsc
    xor %eax, %r12d
    rol $3, %r12d
    mov %r13d, %eax
    and $1, %eax                # leaves 0 and 1 in turn
    xor %ecx, %ecx
    cpuid
    xor %ebx, %r12d
    rol $5, %r12d
    rdtscp
    xor %eax, %r12d
    xor %ecx, %r12d
    dec %r13d
    jnz loop
    mov $1, %eax                # write(1, msg, len)
    mov $1, %edi
    lea msg(%rip), %rsi
    mov $len, %edx
    syscall
    mov $60, %eax               # exit(fold & 0x7f)
    mov %r12d, %edi
    and $0x7f, %edi
    syscall
    .data
msg: .ascii "timing loop done\n"
    .set len, . - msg
