// Source-level fixture for C++: classes with bases, namespaces, templates, this, std containers.
#include <map>
#include <string>
#include <vector>
#include <cstdio>

namespace geo {

struct Shape {
    explicit Shape(int id) : id(id) {}
    virtual ~Shape() = default;
    virtual double area() const = 0;
    int id;
};

struct Rect : Shape {
    Rect(int id, double w, double h) : Shape(id), w(w), h(h) {}
    double area() const override {
        return w * h; // BREAK: area
    }
    double w, h;
};

template <typename T>
T twice(T value) {
    return value + value; // BREAK: twice
}

}  // namespace geo

int main() {
    geo::Rect r(3, 2.0, 4.5);
    std::string name = "rectangle";
    std::vector<int> sizes = {1, 2, 3};
    std::map<std::string, int> counts = {{"a", 1}, {"b", 2}};
    double a = r.area(); // BREAK: call_area
    int t = geo::twice(21);
    std::printf("%s %f %d %zu %zu\n", name.c_str(), a, t, sizes.size(), counts.size());
    return 0;
}
