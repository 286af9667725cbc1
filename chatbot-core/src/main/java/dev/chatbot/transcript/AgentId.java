package dev.chatbot.transcript;

/** Identifies a human agent (their login name): 1-64 characters from {@code [A-Za-z0-9_.@-]}. */
public record AgentId(String value) {

    public AgentId {
        if (!IdCharacters.lettersDigitsOr(value, 64, "_.@-")) {
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
