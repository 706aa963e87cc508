// Backtrace fixture for C++ names: namespaces, class templates, static and const members,
// operators, an anonymous namespace, a function template, a lambda behind std::function.
#include <cstdio>
#include <functional>

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

void boom(int x) {
    if (x > 0) throw x; // uncaught: std::terminate and abort
}

int main(int argc, char **) {
    if (argc > 1) boom(argc);
    std::function<int(int)> lambda = [](int x) {
        return x - 1; // BREAK: lambda
    };
    int r = outer::apply(Widget{}, lambda(42));
    std::printf("%d\n", r);
    return r == 42 ? 0 : 1;
}
