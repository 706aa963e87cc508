#include <iostream>
#include <numeric>
#include <vector>

int main() {
    std::vector<int> values{1, 2, 3, 4};
    int sum = std::accumulate(values.begin(), values.end(), 0);
    std::cout << "sum " << sum << std::endl;
    return sum; // 10
}
