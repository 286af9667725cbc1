package dev.chatbot.intent;

import java.util.regex.Pattern;

/**
 * The name of an intent, such as {@code order_status}. Names are case-sensitive, non-blank and contain
 * no whitespace or control characters, so they can be used as file names, CSV cells and metric tags.
 */
public record IntentName(String value) implements Comparable<IntentName> {

    private static final Pattern VALID = Pattern.compile("[^\\s\\p{Cntrl}\"'<>\\\\]{1,100}");

    public IntentName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid intent name: '" + value
                    + "' (use 1-100 characters without spaces, quotes, angle brackets or backslashes)");
        }
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
