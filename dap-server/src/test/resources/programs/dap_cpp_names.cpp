// C++ names for the disassembly view: a member function of a class template in a namespace.
#include <cstdio>

namespace outer {
template <typename T>
struct Box {
    T value;
    static T helper(T v) {
        return v + 1; // BREAK: helper
    }
};
}  // namespace outer

int main() {
    std::printf("%d\n", outer::Box<int>::helper(41));
    return 0;
}
