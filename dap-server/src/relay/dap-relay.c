/*
 * hindsight dap's relay to the warm adapter service (see dev.hindsight.dap.service): what editors
 * start in place of a JVM. Built by the launcher with the system compiler into
 * ~/.cache/hindsight/dap-relay-HASH (HASH: this file's), like the syscall-buffer preload.
 *
 * usage: dap-relay SOCKET N ARG... M SERVICE_ARGV... FALLBACK_ARGV...
 *   Connects to the service listening on the Unix socket SOCKET and sends the header: the protocol
 *   line, the N adapter options, the working directory and the whole environment (every string
 *   followed by a NUL byte). Then stdin goes to the socket as it is, and the service's frames
 *   (channel byte, 4-byte big-endian length, data) come back: channel 1 to stdout, 2 to stderr,
 *   3 the session's exit status, which ends the relay.
 *   No service to connect to: starts one detached (its own session, stdio on /dev/null) with
 *   the M-word SERVICE_ARGV, and executes FALLBACK_ARGV, the adapter in this process as before,
 *   so a first start is never slower than one without the service.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROTOCOL "hindsight-dap-relay 1"

extern char **environ;

static int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int put(int fd, const char *s) {
    return write_all(fd, s, strlen(s) + 1);
}

static int connect_to(const char *path) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) return -1;
    strcpy(a.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The service, detached: a grandchild in a session of its own, so nothing of ours waits for it. */
static void start_service(char **argv) {
    pid_t child = fork();
    if (child == 0) {
        if (fork() != 0) _exit(0);
        setsid();
        /* Nowhere in particular: a session's directory comes with its relay, and the service must
           not keep the first one's busy. */
        if (chdir("/") != 0) _exit(127);
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        /* Nothing else of the first relay's: an editor leaves descriptors open in what it starts
           (VS Code's extension host passed on its log files and a pipe), and a service that kept
           them would hold them for as long as it lives. */
        if (close_range(3, ~0U, 0) != 0) {
            long most = sysconf(_SC_OPEN_MAX);
            for (long fd = 3; fd < (most > 0 && most < 65536 ? most : 65536); fd++) close((int) fd);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (child > 0) waitpid(child, NULL, 0);
}

static int header(int fd, int n, char **args) {
    char number[32], *cwd = getcwd(NULL, 0);
    int ok = cwd != NULL && put(fd, PROTOCOL) == 0;
    snprintf(number, sizeof number, "%d", n);
    ok = ok && put(fd, number) == 0;
    for (int i = 0; ok && i < n; i++) ok = put(fd, args[i]) == 0;
    ok = ok && put(fd, cwd) == 0;
    int count = 0;
    for (char **e = environ; *e; e++) count++;
    snprintf(number, sizeof number, "%d", count);
    ok = ok && put(fd, number) == 0;
    for (char **e = environ; ok && *e; e++) ok = put(fd, *e) == 0;
    free(cwd);
    return ok ? 0 : -1;
}

/* Relays until the service sends the exit status (returned) or the connection breaks (1). */
static int relay(int sock) {
    static char in[65536], frames[65536 + 5];
    size_t have = 0;
    int stdin_open = 1;
    for (;;) {
        struct pollfd p[2] = {{.fd = sock, .events = POLLIN}, {.fd = stdin_open ? 0 : -1, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        if (p[1].revents) {
            ssize_t r = read(0, in, sizeof in);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) {
                /* End of input: as a closed stdin ends a session today. */
                shutdown(sock, SHUT_WR);
                stdin_open = 0;
            } else if (write_all(sock, in, (size_t) r) != 0) {
                stdin_open = 0;
            }
        }
        if (p[0].revents) {
            ssize_t r = read(sock, frames + have, sizeof frames - have);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) {
                static const char gone[] = "hindsight dap: the adapter service ended the session\n";
                write_all(2, gone, sizeof gone - 1);
                return 1;
            }
            have += (size_t) r;
            for (;;) {
                if (have < 5) break;
                unsigned char *f = (unsigned char *) frames;
                size_t len = ((size_t) f[1] << 24) | ((size_t) f[2] << 16) | ((size_t) f[3] << 8) | f[4];
                if (len > sizeof frames - 5) return 1;
                if (have < 5 + len) break;
                if (f[0] == 1 && write_all(1, frames + 5, len) != 0) return 1;
                if (f[0] == 2) write_all(2, frames + 5, len);
                if (f[0] == 3) return len == 4 ? (int) (((unsigned) f[5] << 24) | ((unsigned) f[6] << 16) | ((unsigned) f[7] << 8) | f[8]) : 1;
                memmove(frames, frames + 5 + len, have - 5 - len);
                have -= 5 + len;
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: dap-relay SOCKET N ARG... M SERVICE_ARGV... FALLBACK_ARGV...\n");
        return 2;
    }
    int n = atoi(argv[2]);
    if (n < 0 || 3 + n >= argc) return 2;
    int m = atoi(argv[3 + n]);
    char **service = argv + 4 + n, **fallback = service + m;
    if (m < 0 || 4 + n + m >= argc) return 2;
    signal(SIGPIPE, SIG_IGN);
    int sock = connect_to(argv[1]);
    if (sock < 0 || header(sock, n, argv + 3) != 0) {
        if (sock >= 0) close(sock);
        if (m > 0) {
            char **copy = calloc((size_t) m + 1, sizeof *copy);
            if (copy) {
                memcpy(copy, service, (size_t) m * sizeof *copy);
                start_service(copy);
                free(copy);
            }
        }
        signal(SIGPIPE, SIG_DFL);
        execvp(fallback[0], fallback);
        perror("hindsight dap: cannot start the adapter");
        return 127;
    }
    return relay(sock);
}
