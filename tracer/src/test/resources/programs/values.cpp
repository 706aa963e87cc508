// Values fixture for C++: classes with bases, this, references, namespaces, templates, std containers.
#include <cstdio>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace geo {

struct Shape {
    explicit Shape(int id) : id(id) {}
    virtual ~Shape() = default;
    virtual double area() const = 0;
    int id;
};

class Rect : public Shape {
public:
    Rect(int id, double w, double h) : Shape(id), w(w), h(h) {}
    double area() const override {
        return w * h; // BREAK: area
    }
private:
    double w, h;
};

template <typename T>
struct Pair {
    T first;
    T second;
    static int made;
};

template <typename T>
int Pair<T>::made = 2;

enum class Mode : unsigned char { Off, On = 3 };

template <typename T>
T twice(const T &value) {
    return value + value; // BREAK: twice
}

}  // namespace geo

int total(const std::vector<int> &values, const std::string &label) {
    int sum = 0;
    for (int v : values) sum += v;
    return sum + (int) label.size(); // BREAK: total
}

// Classes without data fields of their own: gdb says "<No data fields>".
struct Keyed {
    int key;
};
struct Tag : Keyed {};
struct Blank {};

int main() {
    Tag tag;
    tag.key = 3;
    Blank blank;
    geo::Rect r(3, 2.0, 4.5);
    geo::Pair<int> pi{1, 2};
    geo::Pair<double> pd{0.5, 1.25};
    geo::Mode m = geo::Mode::On;
    int (*fp)(const int &) = geo::twice<int>;
    std::vector<int> none;
    std::map<int, std::string> names = {{7, "seven"}};
    std::set<int> primes = {7, 2, 5, 3};
    std::set<std::string> tags = {"b", "a"};
    std::unique_ptr<int> owned(new int(5));
    std::unique_ptr<geo::Pair<int>> nobody;
    std::shared_ptr<double> shared = std::make_shared<double>(2.5);
    std::shared_ptr<double> copy = shared;
    std::shared_ptr<int> unset;
    std::list<int> queue = {4, 5, 6};
    std::list<std::string> nothing;
    std::unordered_map<int, int> hashed = {{1, 2}, {3, 4}};
    std::unordered_map<std::string, double> rates = {{"eur", 1.5}};
    std::unordered_set<int> seen = {9, 8};
    bool ok = true;
    int value = 41;
    int &ref = value;
    const geo::Shape *shape = &r;
    std::string name = "rectangle";
    std::string empty;
    std::vector<int> sizes = {1, 2, 3};
    sizes.reserve(4);
    std::vector<std::string> words = {"a", "bc"};
    std::map<int, int> squares = {{1, 2}, {3, 4}};
    std::map<std::string, int> counts = {{"a", 1}, {"b", 2}};
    double a = r.area(); // BREAK: main
    int t = geo::twice(21);
    t += total(sizes, name);
    std::printf("%s %f %d %zu %zu %d %d %f %d %d %d %zu %zu\n", name.c_str(), a, t, sizes.size(), counts.size(),
                pi.first, ref, pd.second, (int) m, ok, shape->id, words.size(), squares.size() + empty.size());
    std::printf("%d %zu %zu %d\n", fp(1), none.size(), names.size(), pi.made);
    std::printf("%zu %zu %d %d %f %ld %d\n", primes.size(), tags.size(), *owned, nobody ? 1 : 0, *copy, shared.use_count(),
                unset ? 1 : 0);
    std::printf("%zu %zu %zu %zu %zu\n", queue.size(), nothing.size(), hashed.size(), rates.size(), seen.size());
    std::printf("%d %zu\n", tag.key, sizeof blank);
    return 0; // BREAK: end
}
