package dev.chatbot.transcript;

import java.util.UUID;

/**
 * Identifies one message within a conversation: the client's own id for customer messages (used to
 * process a repeated submission only once), a generated one for agent replies. 1-100 visible characters
 * without whitespace.
 */
public record MessageId(String value) {

    public MessageId {
        if (!valid(value)) {
            throw new IllegalArgumentException(
                    "invalid message id: '" + value + "' (use 1-100 visible characters without spaces)");
        }
    }

    /**
     * 1-100 visible ASCII characters ({@code [\p{Graph}&&[^\p{Cntrl}]]{1,100}}, '!' to '~'), checked without a
     * regex (see {@link IdCharacters}).
     */
    private static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > 100) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
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
