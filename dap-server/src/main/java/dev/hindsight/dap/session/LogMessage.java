package dev.hindsight.dap.session;

/** A log point's message with each {@code {expression}} replaced by its value; {@code {{}} and {@code }}} are literal braces. */
final class LogMessage {
    private LogMessage() {}

    static String interpolate(String template, ExpressionSource values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i + 1);
                if (end < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                String expr = template.substring(i + 1, end);
                try {
                    out.append(values.evaluate(expr));
                } catch (RuntimeException e) {
                    out.append('<').append(e.getMessage()).append('>');
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
