/*
 * Hindsight's system-call buffer: an LD_PRELOAD library that `hindsight record --syscall-buffer`
 * puts into the recorded program. It wraps write(2) and read(2): each wrapped call is issued from
 * one instruction (hs_untraced_syscall_insn) that the seccomp filter installed here lets through
 * without stopping the recorder, and its number, arguments, result and the bytes involved are
 * logged in a buffer at a fixed address. The recorder reads the buffer at its next stop and turns
 * each record into an event of the trace, before the event of that stop. Every other system call
 * (and every one made from any other instruction: libc's internal writes of stdio, static
 * programs, raw `syscall`) stops as before (SECCOMP_RET_TRACE).
 *
 * Only the recorder reads the buffer; nothing here depends on what it did, so the code runs
 * identically in a replay (where the untraced instruction is emulated from the events).
 * Built and documented in Java: dev.hindsight.tracer.record.SyscallBuffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <sys/types.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

/* Must match SyscallBuffer.java. */
#define HS_BUFFER ((struct hs_header *) 0x700000100000UL)
#define HS_BUFFER_SIZE (1UL << 20)
#define HS_MAGIC 0x4655425343535348UL /* "HSSCSBUF" */
#define HS_SCRATCH 0x700000000000UL   /* the injector's scratch page (8 KiB): its calls pass too */
#define HS_SCRATCH_SIZE 0x2000UL
#define HS_KIND_MEMORY 1 /* the data is what the kernel wrote at address (read) */
#define HS_KIND_OUTPUT 2 /* the data is what was written to fd 1 or 2 */

struct hs_header {
    uint64_t magic;
    uint64_t syscall_ip;   /* address just after the untraced syscall instruction */
    uint64_t epoch;        /* +1 each time the records restart at 0 */
    uint64_t used;         /* bytes of committed records after the header */
    uint64_t busy;         /* a wrapper is running: a signal handler's calls go traced */
    uint64_t next_seq;
    uint64_t inflight_seq; /* the seq of the call being made now */
    uint64_t reserved;
};

struct hs_record {
    uint32_t size; /* of the whole record, 8-aligned */
    uint32_t kind;
    int64_t nr;
    int64_t args[6];
    int64_t result;
    uint64_t seq;
    uint64_t address;
    uint64_t length;
    /* length bytes follow */
};

long hs_untraced_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
long hs_traced_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* The same body twice: only the address of the instruction differs, and the filter tells them apart. */
#define HS_SYSCALL_STUB(name, label)                                                                    \
    __asm__(".text\n.globl " #name "\n.hidden " #name "\n.type " #name ",@function\n" #name ":\n"     \
            "  mov %rdi, %rax\n  mov %rsi, %rdi\n  mov %rdx, %rsi\n  mov %rcx, %rdx\n"                  \
            "  mov %r8, %r10\n  mov %r9, %r8\n  mov 8(%rsp), %r9\n"                                     \
            ".globl " #label "\n.hidden " #label "\n" #label ":\n  syscall\n  ret\n"                    \
            ".size " #name ", .-" #name "\n")
HS_SYSCALL_STUB(hs_untraced_syscall, hs_untraced_syscall_insn);
HS_SYSCALL_STUB(hs_traced_syscall, hs_traced_syscall_insn);
extern char hs_untraced_syscall_insn[];

static int hs_active;

static long hs_errno(long r) {
    if (r < 0 && r > -4096) {
        errno = (int) -r;
        return -1;
    }
    return r;
}

/* Makes the recorder read every record so far (at this traced call), then starts over. */
static void hs_restart(struct hs_header *h) {
    hs_traced_syscall(39 /* getpid */, 0, 0, 0, 0, 0, 0);
    h->epoch++;
    h->used = 0;
}

/* nr(fd, buf, count): payload is the bytes at buf after the call (read) or before it (write to 1, 2). */
static long hs_buffered(long nr, long fd, long buf, long count, uint32_t kind) {
    struct hs_header *h = HS_BUFFER;
    if (!hs_active || h->busy || count < 0) return hs_traced_syscall(nr, fd, buf, count, 0, 0, 0);
    uint64_t payload = kind ? (uint64_t) count : 0;
    uint64_t need = (sizeof(struct hs_record) + payload + 7) & ~7UL;
    uint64_t room = HS_BUFFER_SIZE - sizeof(struct hs_header);
    if (need > room) return hs_traced_syscall(nr, fd, buf, count, 0, 0, 0);
    h->busy = 1;
    if (h->used + need > room) hs_restart(h);
    struct hs_record *r = (struct hs_record *) ((char *) (h + 1) + h->used);
    uint64_t seq = h->next_seq++;
    h->inflight_seq = seq;
    long result = hs_untraced_syscall(nr, fd, buf, count, 0, 0, 0);
    uint64_t length = kind && result > 0 ? (uint64_t) result : 0;
    r->kind = length ? kind : 0;
    r->nr = nr;
    r->args[0] = fd;
    r->args[1] = buf;
    r->args[2] = count;
    r->args[3] = r->args[4] = r->args[5] = 0;
    r->result = result;
    r->seq = seq;
    r->address = buf;
    r->length = length;
    if (length) memcpy(r + 1, (const void *) buf, length);
    r->size = (uint32_t) ((sizeof(struct hs_record) + length + 7) & ~7UL);
    h->used += r->size; /* committed: the recorder reads up to here */
    h->busy = 0;
    return result;
}

ssize_t write(int fd, const void *buf, size_t count) {
    return hs_errno(hs_buffered(1, fd, (long) buf, (long) count, fd == 1 || fd == 2 ? HS_KIND_OUTPUT : 0));
}

ssize_t read(int fd, void *buf, size_t count) {
    return hs_errno(hs_buffered(0, fd, (long) buf, (long) count, HS_KIND_MEMORY));
}

#define HS_LD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define HS_JEQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define HS_JGE(k, t, f) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (k), (t), (f))

__attribute__((constructor)) static void hs_start(void) {
    uint64_t ip = (uint64_t) hs_untraced_syscall_insn + 2;
    /* PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE */
    long m = hs_traced_syscall(9, (long) HS_BUFFER, HS_BUFFER_SIZE, 3, 0x22 | 0x100000, -1, 0);
    if (m != (long) HS_BUFFER) return; /* taken: run unbuffered */
    struct hs_header *h = HS_BUFFER;
    h->syscall_ip = ip;
    h->magic = HS_MAGIC;
    /* seccomp_data: nr at 0, arch at 4, instruction_pointer at 8 (low word) and 12 (high word). */
    struct sock_filter filter[] = {
        /* 0 */ HS_LD(12),
        /* 1 */ HS_JEQ((uint32_t) (ip >> 32), 0, 2),
        /* 2 */ HS_LD(8),
        /* 3 */ HS_JEQ((uint32_t) ip, 4, 0),
        /* 4 */ HS_LD(12),
        /* 5 */ HS_JEQ((uint32_t) (HS_SCRATCH >> 32), 0, 3),
        /* 6 */ HS_LD(8),
        /* 7 */ HS_JGE((uint32_t) HS_SCRATCH + HS_SCRATCH_SIZE, 1, 0),
        /* 8 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 9 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
    };
    struct sock_fprog prog = {sizeof(filter) / sizeof(filter[0]), filter};
    /* PR_SET_NO_NEW_PRIVS (needed for an unprivileged filter), then seccomp(SET_MODE_FILTER). */
    if (hs_traced_syscall(157, 38, 1, 0, 0, 0, 0) != 0) return;
    if (hs_traced_syscall(317, SECCOMP_SET_MODE_FILTER, 0, (long) &prog, 0, 0, 0) != 0) return;
    hs_active = 1;
}
