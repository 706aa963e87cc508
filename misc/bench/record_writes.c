/* 100,000 one-byte write(2)s for record.sh: the per-system-call cost of recording. */
#include <unistd.h>
int main(void) {
    for (int i = 0; i < 100000; i++) if (write(1, "x", 1) != 1) return 1;
    return 0;
}
