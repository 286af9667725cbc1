package dev.chatbot.transcript;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one message within a conversation: the client's own id for customer messages (used to
 * process a repeated submission only once), a generated one for agent replies. 1-100 visible characters
 * without whitespace.
 */
public record MessageId(String value) {

    private static final Pattern VALID = Pattern.compile("[\\p{Graph}&&[^\\p{Cntrl}]]{1,100}");

    public MessageId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid message id: '" + value
                    + "' (use 1-100 visible characters without spaces)");
        }
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
