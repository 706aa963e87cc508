// Record/replay fixture in C++: containers, strings, an exception, iostream output.
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

static int depth(int n) {
    if (n == 0) throw std::runtime_error("bottom");
    return depth(n - 1) + 1;
}

int main() {
    std::vector<std::string> words;
    for (int i = 0; i < 50; i++) words.push_back("w" + std::to_string(i * i));
    std::map<std::string, int> counts;
    for (auto &w : words) counts[w.substr(0, 2)]++;
    int caught = 0;
    try {
        depth(20);
    } catch (const std::exception &e) {
        caught = 1; // BREAK: caught
    }
    std::cout << "words=" << words.size() << " keys=" << counts.size() << " caught=" << caught << std::endl;
    return 0;
}
