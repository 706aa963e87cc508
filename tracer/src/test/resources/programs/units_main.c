/* Two compilation units (with units_helper.c): source-file listings name both. */
int helper(int x);

int main(void) {
    return helper(2) == 4 ? 0 : 1; // BREAK: call
}
