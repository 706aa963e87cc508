#include <cstdio>
#include <string>

namespace geo {

struct Shape {
    int id;
    virtual ~Shape() {}
    virtual double area() const { return 0; }
};

class Rect : public Shape {
public:
    Rect(double w, double h) : w_(w), h_(h) {}
    double area() const override { return w_ * h_; } // BREAK: area
private:
    double w_;
    double h_;
};

template <typename T>
struct Box {
    T value;
    T get() const { return value; }
};

enum class Mode : unsigned char { Off, On = 3 };

}  // namespace geo

static inline int square(int x) { return x * x; }

std::string describe(const geo::Shape &s, const std::string &prefix) {
    std::string out = prefix;
    out += std::to_string(s.area());
    return out;
}

int main() {
    geo::Rect r(2.0, 3.0);
    geo::Box<int> b{41};
    geo::Box<double> d{1.5};
    geo::Mode m = geo::Mode::On;
    int &ref = b.value;
    ref += square(1);
    std::string s = describe(r, "area=");
    std::printf("%s %d %f %d\n", s.c_str(), b.get(), d.get(), (int) m); // BREAK: print
    return 0;
}
