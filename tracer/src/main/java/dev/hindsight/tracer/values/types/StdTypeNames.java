package dev.hindsight.tracer.values.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The short names gdb gives libstdc++ types through the library's type printers:
 * {@code std::string} for {@code std::__cxx11::basic_string<char, …>}, and containers without
 * their default template arguments ({@code std::vector<int>}, {@code std::map<std::string, int>}).
 */
public final class StdTypeNames {
    private static final Map<String, String> STRINGS = Map.of(
            "char", "std::string", "wchar_t", "std::wstring", "char16_t", "std::u16string",
            "char32_t", "std::u32string", "char8_t", "std::u8string");

    private StdTypeNames() {}

    public static String simplify(String name) {
        if (name != null && name.startsWith("const ")) return "const " + simplify(name.substring(6));
        if (name != null && name.endsWith(" const")) return simplify(name.substring(0, name.length() - 6)) + " const";
        if (name == null || !name.startsWith("std::")) return name;
        int lt = name.indexOf('<');
        if (lt < 0 || !name.endsWith(">")) return name;
        String template = name.substring(0, lt);
        List<String> args = new ArrayList<>();
        for (String a : split(name.substring(lt + 1, name.length() - 1))) args.add(simplify(a.trim()));
        if (template.equals("std::__cxx11::basic_string") || template.equals("std::basic_string")) {
            String c = args.get(0);
            if (args.size() == 3 && args.get(1).equals("std::char_traits<" + c + ">")
                    && args.get(2).equals("std::allocator<" + c + ">") && STRINGS.containsKey(c)) {
                return STRINGS.get(c);
            }
        }
        int keep = switch (template) {
            case "std::vector", "std::list", "std::deque", "std::forward_list", "std::__cxx11::list" ->
                    defaults(args, 1, List.of("std::allocator<" + args.get(0) + ">"));
            case "std::set", "std::multiset" ->
                    defaults(args, 1, List.of("std::less<" + args.get(0) + ">", "std::allocator<" + args.get(0) + ">"));
            case "std::map", "std::multimap" -> args.size() < 2 ? args.size() : defaults(args, 2, List.of(
                    "std::less<" + args.get(0) + ">", "std::allocator<std::pair<" + args.get(0) + " const, " + args.get(1) + "> >",
                    "std::allocator<std::pair<const " + args.get(0) + ", " + args.get(1) + "> >"));
            case "std::unordered_map", "std::unordered_multimap" -> args.size() < 2 ? args.size() : defaults(args, 2, List.of(
                    "std::hash<" + args.get(0) + ">", "std::equal_to<" + args.get(0) + ">",
                    "std::allocator<std::pair<const " + args.get(0) + ", " + args.get(1) + "> >",
                    "std::allocator<std::pair<" + args.get(0) + " const, " + args.get(1) + "> >"));
            case "std::unique_ptr" -> defaults(args, 1, List.of("std::default_delete<" + args.get(0) + ">"));
            case "std::unordered_set", "std::unordered_multiset" -> defaults(args, 1, List.of(
                    "std::hash<" + args.get(0) + ">", "std::equal_to<" + args.get(0) + ">", "std::allocator<" + args.get(0) + ">"));
            default -> args.size();
        };
        String joined = String.join(", ", args.subList(0, keep));
        if (keep < args.size() && template.equals("std::__cxx11::list")) template = "std::list";
        // libstdc++'s type printers write what they shorten without a space between closing brackets.
        if (keep < args.size()) return template + "<" + joined + ">";
        return template + "<" + joined + (joined.endsWith(">") ? " >" : ">");
    }

    /** How many arguments remain once trailing ones equal to their defaults are dropped. */
    private static int defaults(List<String> args, int required, List<String> defaults) {
        int keep = args.size();
        List<String> normalized = defaults.stream().map(StdTypeNames::closeBrackets).toList();
        while (keep > required) {
            if (!normalized.contains(closeBrackets(args.get(keep - 1)))) break;
            keep--;
        }
        return keep;
    }

    /** {@code a<b<c> >} and {@code a<b<c>>} name the same type. */
    private static String closeBrackets(String name) {
        return name.replace("> >", ">>").replace("> >", ">>");
    }

    /** Top-level comma-separated parts of a template argument list. */
    static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '(') depth++;
            else if (c == '>' || c == ')') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
