/* Callbacks called from libraries: qsort's comparator (libc, whose lines come from libc6-dbg but
   whose sources are not here) and _Unwind_Backtrace's (libgcc_s, without line information). */
#include <stdlib.h>
#include <unwind.h>

static int compare(const void *a, const void *b) {
    int x = *(const int *) a, y = *(const int *) b; // BREAK: compare
    return (x > y) - (x < y);
}

static _Unwind_Reason_Code count_frame(struct _Unwind_Context *context, void *count) {
    ++*(int *) count; // BREAK: count_frame
    return _URC_NO_REASON;
}

int main(void) {
    int values[] = {3, 1, 2};
    qsort(values, 3, sizeof values[0], compare); // BREAK: call_qsort
    int frames = 0;
    _Unwind_Backtrace(count_frame, &frames); // BREAK: call_unwind
    return values[0] + 10 * (frames > 0);
}
