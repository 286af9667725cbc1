package dev.chatbot.transcript;

import java.util.UUID;

/**
 * Identifies one conversation. 1-64 characters from {@code [A-Za-z0-9_-]}, so an id is safe in URLs,
 * file contents and Redis keys (it can never contain the braces of a Redis Cluster hash tag).
 */
public record ConversationId(String value) {

    public ConversationId {
        if (!valid(value)) {
            throw new IllegalArgumentException("invalid conversation id: '" + value
                    + "' (use 1-64 characters from A-Z, a-z, 0-9, '_' and '-')");
        }
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    /**
     * {@code [A-Za-z0-9_-]{1,64}}, checked without a regex: ids are made for every request, store read and
     * live event, where the regex cost more than the rest of reading the event.
     */
    private static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A new random id (a UUID without dashes). */
    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
