package dev.chatbot.transcript;

/** Identifies a human agent (their login name): 1-64 characters from {@code [A-Za-z0-9_.@-]}. */
public record AgentId(String value) {

    public AgentId {
        if (!valid(value)) {
            throw new IllegalArgumentException("invalid agent id: '" + value
                    + "' (use 1-64 characters from A-Z, a-z, 0-9, '_', '.', '@' and '-')");
        }
    }

    /** {@code [A-Za-z0-9_.@-]{1,64}}, checked without a regex (see {@link ConversationId}). */
    private static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '@' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
