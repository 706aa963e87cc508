// C++ as compiled programs run it: std::string and std::vector growth (operator new, memcpy),
// a virtual call, an exception thrown and caught (the unwinder writes its context on the stack).
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
};

struct Square : Shape {
    double side;
    explicit Square(double s) : side(s) {}
    double area() const override { return side * side; }
};

static int thrower(int n) {
    if (n > 2) throw std::runtime_error("too big: " + std::to_string(n));
    return n;
}

int main() {
    std::vector<int> values;
    for (int i = 0; i < 100; i++) values.push_back(i * i);
    std::string text = "effects";
    for (int i = 0; i < 5; i++) text += "-" + std::to_string(values[i * 7]);
    Square sq(2.5);
    const Shape &shape = sq;
    int caught = 0;
    try {
        thrower(5);
    } catch (const std::exception &e) {
        caught = (int) std::string(e.what()).size();
    }
    std::printf("%s %zu %.2f %d\n", text.c_str(), values.size(), shape.area(), caught);
    return 0;
}
