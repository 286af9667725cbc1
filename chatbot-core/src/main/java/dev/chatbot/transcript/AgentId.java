package dev.chatbot.transcript;

import java.util.regex.Pattern;

/** Identifies a human agent (their login name): 1-64 characters from {@code [A-Za-z0-9_.@-]}. */
public record AgentId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public AgentId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid agent id: '" + value
                    + "' (use 1-64 characters from A-Z, a-z, 0-9, '_', '.', '@' and '-')");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
