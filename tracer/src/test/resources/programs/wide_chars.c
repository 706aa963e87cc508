/* Wide characters and strings as gdb prints them: L"…", u"…", U"…", with repeats and non-ASCII units.
   Also built as C++ (-x c++), where char16_t and char32_t are types of their own. */
#include <wchar.h>
#include <uchar.h>
wchar_t wname[] = L"wide\tname";
char16_t uname[] = u"sixteen";
char32_t Uname[8] = U"32";
const wchar_t *wp = L"pointer";
const char16_t *up = u"ptr16";
const char32_t *Up = U"ptr32";
wchar_t wrep[16] = L"aaaaaaaaaaaaab";
int main(void) {
    wchar_t wc = L'W';
    char16_t c16 = u'x';
    char32_t c32 = U'\n';
    wchar_t wnon = 0xe9;
    char32_t big = 0x1F600;
    return wc + c16 + c32 + wname[0] + wnon + big; // BREAK: wide
}
