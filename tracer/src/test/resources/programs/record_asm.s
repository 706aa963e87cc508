# Record/replay fixture in assembly: rdtsc, cpuid and raw system calls, exit code 7.
    .globl _start
    .text
_start:
    rdtsc                       # trapped and recorded
    mov $0, %eax
    cpuid                       # trapped and answered from the recording
    mov $5, %ecx
loop:
    dec %ecx                    # BREAK: loop
    jnz loop
    mov $1, %eax                # write(1, msg, len)
    mov $1, %edi
    lea msg(%rip), %rsi
    mov $len, %edx
    syscall
    mov $39, %eax               # getpid: emulated in the replay
    syscall
    mov $60, %eax               # exit(7)
    mov $7, %edi
    syscall
    .data
msg: .ascii "asm says hi\n"
    .set len, . - msg
