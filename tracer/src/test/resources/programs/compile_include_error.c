#include "compile_include_error.h"

int main(void) {
    return 0;
}
