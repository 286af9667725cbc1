package dev.chatbot.conversation;

/**
 * A text the conversation does not take (a customer's message, an agent's reply, a comment), and why. Longer texts
 * are refused, never cut.
 */
public final class TextRefusedException extends IllegalArgumentException {

    /** Why the text was refused. */
    public enum Reason {
        /** Missing, empty or only whitespace. */
        BLANK,
        /** Only control, formatting or combining characters: nothing a person or the classifier could read. */
        NOTHING_VISIBLE,
        /** Longer than the limit. */
        TOO_LONG
    }

    private final Reason reason;
    private final int length;
    private final int limit;

    TextRefusedException(Reason reason, int length, int limit) {
        super(
                switch (reason) {
                    case BLANK -> "the text is blank";
                    case NOTHING_VISIBLE -> "the text has no letter, digit, punctuation mark or symbol";
                    case TOO_LONG -> "the text is " + length + " characters long; the limit is " + limit;
                });
        this.reason = reason;
        this.length = length;
        this.limit = limit;
    }

    /** @throws TextRefusedException ({@link Reason#BLANK}) when {@code text} is null or blank */
    public static void requireNotBlank(String text) {
        if (text == null || text.isBlank()) {
            throw new TextRefusedException(Reason.BLANK, text == null ? 0 : text.length(), 0);
        }
    }

    /** @throws TextRefusedException ({@link Reason#TOO_LONG}) when {@code text} is longer than {@code limit} */
    public static void requireWithin(String text, int limit) {
        if (text != null && text.length() > limit) {
            throw new TextRefusedException(Reason.TOO_LONG, text.length(), limit);
        }
    }

    public Reason reason() {
        return reason;
    }

    /** The refused text's length in characters. */
    public int length() {
        return length;
    }

    /** The limit it was held to (0 when the length was not the reason). */
    public int limit() {
        return limit;
    }
}
