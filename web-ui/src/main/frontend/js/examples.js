// The examples menu: small programs that show one idea each.
export const examples = [
  { id: 'hello', title: 'Hello, world', lang: 'c', flags: '-O0', text: `#include <stdio.h>

int main(void) {
    puts("Hello, world!");
    return 0;
}
` },
  { id: 'loops', title: 'Loops', lang: 'c', flags: '-O0', text: `#include <stdio.h>

int main(void) {
    int sum = 0;
    for (int i = 1; i <= 10; i++) {
        sum += i;
    }
    int n = 27, steps = 0;
    while (n != 1) {
        n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
        steps++;
    }
    printf("sum=%d steps=%d\\n", sum, steps);
    return 0;
}
` },
  { id: 'recursion', title: 'Recursion', lang: 'c', flags: '-O0', text: `#include <stdio.h>

unsigned long factorial(unsigned n) {
    if (n <= 1)
        return 1;
    return n * factorial(n - 1);
}

int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void) {
    unsigned long f = factorial(5);
    int r = fib(6);
    printf("5! = %lu, fib(6) = %d\\n", f, r);
    return 0;
}
` },
  { id: 'pointers', title: 'Pointers and structs', lang: 'c', flags: '-O0', text: `#include <stdio.h>
#include <string.h>

struct point {
    int x, y;
};

struct person {
    char name[16];
    int age;
    struct point home;
};

static void move(struct point *p, int dx, int dy) {
    p->x += dx;
    p->y += dy;
}

int main(void) {
    struct person ada = { "Ada", 36, { 3, 4 } };
    struct person *who = &ada;
    int numbers[4] = { 10, 20, 30, 40 };
    int *q = &numbers[1];
    move(&who->home, 1, -1);
    *q += 5;
    strcpy(ada.name, "Ada L.");
    printf("%s is %d at (%d,%d); numbers[1]=%d\\n", who->name, who->age, who->home.x, who->home.y, numbers[1]);
    return 0;
}
` },
  { id: 'float', title: 'Floating point', lang: 'c', flags: '-O0', text: `#include <stdio.h>

double average(const double *xs, int n) {
    double total = 0.0;
    for (int i = 0; i < n; i++)
        total += xs[i];
    return total / n;
}

int main(void) {
    double xs[] = { 1.5, 2.25, 3.0, 4.125 };
    float third = 1.0f / 3.0f;
    double avg = average(xs, 4);
    printf("avg=%f third=%.9f 0.1+0.2=%.17f\\n", avg, third, 0.1 + 0.2);
    return 0;
}
` },
  { id: 'cpp', title: 'A C++ class', lang: 'cpp', flags: '-O0', text: `#include <cstdio>

class Counter {
public:
    explicit Counter(int start) : value_(start) {}
    void add(int n) { value_ += n; }
    int value() const { return value_; }

private:
    int value_;
};

int main() {
    Counter c(40);
    c.add(1);
    c.add(1);
    std::printf("value=%d\\n", c.value());
    return 0;
}
` },
  { id: 'asm', title: 'x86-64 assembly', lang: 'asm', arch: 'x86-64', flags: '', text: `# Sum 1..5 in a loop, then print a message with the write system call.
        .text
        .globl  main
main:
        xor     %eax, %eax          # sum = 0
        mov     $5, %ecx            # counter = 5
loop:
        add     %ecx, %eax          # sum += counter
        dec     %ecx
        jnz     loop
        mov     %eax, %r12d         # keep the sum (15)
        mov     $1, %edi            # fd 1 = stdout
        lea     message(%rip), %rsi
        mov     $length, %edx
        mov     $1, %eax            # syscall 1 = write
        syscall
        xor     %eax, %eax          # return 0
        ret

        .section .rodata
message:
        .ascii  "sum computed\\n"
        .set    length, . - message
        .section .note.GNU-stack,"",@progbits
` },
  // The same program in A64 (the AArch64 guest's WebAsmExampleTest steps tracer/…/programs/aarch64/web_example.s,
  // which must stay this text: web-ui's examples test compares them).
  { id: 'asm-aarch64', title: 'AArch64 assembly', lang: 'asm', arch: 'aarch64', flags: '', text: `// Sum 1..5 in a loop, then print a message with the write system call.
        .section .rodata
message:
        .ascii  "sum computed\\n"
        .set    length, . - message

        .text
        .globl  main
        .type   main, %function
main:
        mov     w0, #0              // sum = 0
        mov     w1, #5              // counter = 5
loop:
        add     w0, w0, w1          // sum += counter
        subs    w1, w1, #1          // counter -= 1, setting the flags
        b.ne    loop                // again while counter != 0
        mov     w9, w0              // keep the sum (15)
        mov     x0, #1              // fd 1 = stdout
        adrp    x1, message
        add     x1, x1, :lo12:message
        mov     x2, #length
        mov     x8, #64             // syscall 64 = write
        svc     #0
        mov     w0, #0              // return 0
        ret
        .section .note.GNU-stack,"",%progbits
` },
];

/**
 * The examples a server of architecture `arch` (mode.json's `arch`: 'x86-64', 'aarch64') can
 * compile and run: every C and C++ one, and the assembly written for that architecture alone.
 */
export function examplesFor(arch) {
  return examples.filter((e) => !e.arch || e.arch === arch);
}

export const fileNames = { c: 'main.c', cpp: 'main.cpp', asm: 'main.s' };

export function languageOf(fileName) {
  if (/\.(s|S|asm)$/.test(fileName)) return 'asm';
  if (/\.(cc|cpp|cxx|C|hpp)$/.test(fileName)) return 'cpp';
  return 'c';
}
