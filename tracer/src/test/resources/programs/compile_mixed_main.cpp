#include <string>

extern "C" int helper_from_c(int);

int main() {
    std::string text = "abc";
    return helper_from_c(static_cast<int>(text.size())); // 6
}
