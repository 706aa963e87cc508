/* -Wreturn-type is on by default: a warning, but the program still builds. */
int missing_return(int x) {
    if (x > 0) return 1;
}

int main(void) {
    return missing_return(1) - 1;
}
