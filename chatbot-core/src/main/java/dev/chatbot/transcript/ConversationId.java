package dev.chatbot.transcript;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one conversation. 1-64 characters from {@code [A-Za-z0-9_-]}, so an id is safe in URLs,
 * file contents and Redis keys (it can never contain the braces of a Redis Cluster hash tag).
 */
public record ConversationId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ConversationId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid conversation id: '" + value
                    + "' (use 1-64 characters from A-Z, a-z, 0-9, '_' and '-')");
        }
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
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
