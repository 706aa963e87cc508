/* Built without -g (see Programs): frames here have symbols but no line information. */
int leaf(int x) {
    return x * 3;
}

int main(void) {
    return leaf(4) == 12 ? 0 : 1;
}
