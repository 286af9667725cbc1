package dev.chatbot.intent;

/**
 * The name of an intent, such as {@code order_status}. Names are case-sensitive, non-blank and contain
 * no whitespace or control characters, so they can be used as file names, CSV cells and metric tags.
 */
public record IntentName(String value) implements Comparable<IntentName> {

    public IntentName {
        if (!valid(value)) {
            throw new IllegalArgumentException("invalid intent name: '" + value
                    + "' (use 1-100 characters without spaces, quotes, angle brackets or backslashes)");
        }
    }

    /**
     * 1-100 code points, none of them a control character (U+0000-U+001F, U+007F), an ASCII space
     * ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return), a quote, an angle bracket or
     * a backslash: the regex {@code [^\s\p{Cntrl}"'<>\\]{1,100}}, checked without one (names are made for
     * every classification and every event read, where the regex was the larger part of the cost).
     */
    private static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.codePointCount(0, value.length()) > 100) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public static IntentName of(String value) {
        return new IntentName(value == null ? null : value.strip());
    }

    @Override
    public int compareTo(IntentName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
