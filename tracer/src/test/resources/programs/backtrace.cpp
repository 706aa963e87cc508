// Backtrace fixture for C++ names: namespaces, class templates, static and const members,
// operators, an anonymous namespace and a function template.
#include <cstdio>

namespace outer {
namespace inner {
template <typename T>
struct Box {
    T value;
    static T helper(T v) {
        return v + 1; // BREAK: helper
    }
    T get() const { return helper(value); }
};
}  // namespace inner

template <typename F>
int apply(F f, int x) {
    return f(x);
}
}  // namespace outer

namespace {
struct Widget {
    int operator()(int x) const {
        outer::inner::Box<int> b{x};
        return b.get();
    }
};
}  // namespace

int main() {
    int r = outer::apply(Widget{}, 41);
    std::printf("%d\n", r);
    return r == 42 ? 0 : 1;
}
