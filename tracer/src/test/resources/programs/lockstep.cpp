// Lockstep fixture for C++: virtual dispatch, new/delete, references, templates.
#include <cstdio>

struct Shape {
    virtual ~Shape() = default;
    virtual int area() const = 0;
};

struct Rect : Shape {
    int w, h;
    Rect(int w, int h) : w(w), h(h) {}
    int area() const override { return w * h; }
};

template <typename T>
T sum(const T *values, int n) {
    T total{};
    for (int i = 0; i < n; i++) total += values[i];
    return total;
}

int main() {
    Shape *s = new Rect(6, 7);
    int a = s->area(); // BREAK: area
    int values[] = {1, 2, 3, 4, a};
    int total = sum(values, 5);
    delete s;
    std::printf("%d %d\n", a, total);
    return total & 0x7f;
}
