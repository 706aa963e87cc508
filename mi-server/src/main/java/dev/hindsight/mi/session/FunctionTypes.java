package dev.hindsight.mi.session;

/** Function types as gdb names them ({@code int *(int *, int)}): where the return type ends. */
public final class FunctionTypes {
    private FunctionTypes() {}

    /** Where the parameter list opens (the parenthesis matching the last one); -1 if there is none. */
    public static int parameterList(String functionType) {
        if (!functionType.endsWith(")")) return -1;
        int depth = 0;
        for (int i = functionType.length() - 1; i >= 0; i--) {
            char c = functionType.charAt(i);
            if (c == ')') depth++;
            else if (c == '(' && --depth == 0) return i;
        }
        return -1;
    }
}
