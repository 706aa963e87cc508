/* Prints the file descriptors it was started with (beyond the one used to list them). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd != dirfd(d)) printf("%d\n", fd);
    }
    closedir(d);
    return 0;
}
