int helper_from_c(int x) {
    return x * 2;
}
