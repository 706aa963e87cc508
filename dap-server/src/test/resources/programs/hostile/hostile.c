/* What a hostile learner's program tries, one attack per argv[1]. Every attempt prints
 * "ESCAPED: what" when it worked and "blocked: what (reason)" when it did not; the confinement
 * tests require no ESCAPED line. Extra arguments name targets outside (a path, a pid, a port). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(int ok, const char *what) {
    if (ok) printf("ESCAPED: %s\n", what);
    else printf("blocked: %s (%s)\n", what, strerror(errno));
    fflush(stdout);
}

static void try_read(const char *path) {
    char buf[64];
    int fd = open(path, O_RDONLY);
    int ok = fd >= 0 && read(fd, buf, sizeof buf) > 0;
    report(ok, path);
    if (fd >= 0) close(fd);
}

static void try_write(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    report(fd >= 0 && write(fd, "x", 1) == 1, path);
    if (fd >= 0) close(fd);
}

static int recurse(int n) {
    volatile char pad[4096];
    pad[0] = (char) n;
    return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "secrets")) {
        try_read("/etc/shadow");
        try_read("/root/.bash_history");
        for (int i = 2; i < argc; i++) try_read(argv[i]); /* another session's file, the server's /proc */
        /* The namespace's init is readable (it is the session's own); it must hold nothing of the
         * server's environment. */
        char path[64], env[4096] = "";
        snprintf(path, sizeof path, "/proc/%d/environ", getppid());
        int fd = open(path, O_RDONLY);
        ssize_t n = fd >= 0 ? read(fd, env, sizeof env - 1) : 0;
        for (ssize_t i = 0; i < n; i++) if (!env[i]) env[i] = ' ';
        printf("parent environment: %s\n", env);
    } else if (!strcmp(mode, "write")) {
        try_write("/usr/hindsight-escape");
        try_write("/etc/hindsight-escape");
        for (int i = 2; i < argc; i++) try_write(argv[i]);
    } else if (!strcmp(mode, "network")) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argc > 2 ? argv[2] : "80"))};
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        report(connect(s, (struct sockaddr *) &a, sizeof a) == 0, "connect to the server's port");
        int l = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(atoi(argc > 3 ? argv[3] : "8099"))};
        int bound = bind(l, (struct sockaddr *) &any, sizeof any) == 0 && listen(l, 1) == 0;
        printf("listening: %s\n", bound ? "yes" : "no");
        fflush(stdout);
        if (bound) sleep(30); /* the test tries to connect from outside meanwhile */
    } else if (!strcmp(mode, "signal")) {
        for (int i = 2; i < argc; i++) {
            int pid = atoi(argv[i]);
            report(kill(pid, 0) == 0 && kill(pid, SIGKILL) == 0, "kill the server");
            report(ptrace(PTRACE_ATTACH, pid, 0, 0) == 0, "ptrace the server");
        }
        report(ptrace(PTRACE_TRACEME, 0, 0, 0) == 0, "ptrace(TRACEME)");
        report(unshare(CLONE_NEWUSER) == 0, "unshare a user namespace");
        report(mount("none", "/tmp", "tmpfs", 0, 0) == 0, "mount");
        report(syscall(SYS_bpf, 0, 0, 0) >= 0, "bpf");
    } else if (!strcmp(mode, "identity")) {
        /* Who the program is: its namespaces, capabilities, no_new_privs and seccomp mode. */
        const char *ns[] = {"user", "pid", "net", "mnt", "ipc", "uts"};
        char link[128], target[128];
        for (int i = 0; i < 6; i++) {
            snprintf(link, sizeof link, "/proc/self/ns/%s", ns[i]);
            ssize_t n = readlink(link, target, sizeof target - 1);
            target[n > 0 ? n : 0] = 0;
            printf("ns %s %s\n", ns[i], target);
        }
        char line[256];
        FILE *f = fopen("/proc/self/status", "r");
        while (fgets(line, sizeof line, f)) {
            if (!strncmp(line, "CapEff", 6) || !strncmp(line, "CapPrm", 6) || !strncmp(line, "NoNewPrivs", 10)
                || !strncmp(line, "Seccomp:", 8)) fputs(line, stdout);
        }
        gethostname(line, sizeof line);
        printf("hostname %s\n", line);
    } else if (!strcmp(mode, "killparent")) {
        kill(getppid(), SIGKILL);
        kill(1, SIGKILL);
        printf("still here\n");
        fflush(stdout);
    } else if (!strcmp(mode, "forkbomb")) {
        printf("forking\n");
        fflush(stdout);
        for (;;) fork();
    } else if (!strcmp(mode, "memory")) {
        for (size_t total = 0;; total += 16 << 20) {
            char *p = malloc(16 << 20);
            if (!p) { printf("malloc failed at %zu MiB\n", total >> 20); return 1; }
            memset(p, 1, 16 << 20);
        }
    } else if (!strcmp(mode, "stack")) {
        return recurse(0);
    } else if (!strcmp(mode, "spin")) {
        printf("spinning\n");
        fflush(stdout);
        for (volatile unsigned long i = 0;; i++) { }
    } else if (!strcmp(mode, "bigfile")) {
        static char block[1 << 20];
        FILE *f = fopen("big.bin", "w");
        for (int i = 0; i < 1024; i++) fwrite(block, 1, sizeof block, f);
        fclose(f);
    }
    return 0;
}
