package dev.chatbot.conversation;

import java.util.Objects;

/**
 * A customer's message as the bot takes it: not blank, not longer than the configured limit (refused, never cut),
 * and with at least one letter, digit, punctuation mark or symbol (emoji count). A text of only whitespace,
 * control or formatting characters (zero-width, direction marks), combining marks or lone surrogates is what the
 * classifier's normalisation empties, so it is refused here rather than there. Every channel makes its messages
 * through {@link #of}, so the rules live in one place.
 */
public final class CustomerText {

    private final String value;

    private CustomerText(String value) {
        this.value = value;
    }

    /**
     * @throws TextRefusedException when {@code text} is null or blank, longer than {@code maxLength} characters,
     *         or has nothing visible
     */
    public static CustomerText of(String text, int maxLength) {
        TextRefusedException.requireNotBlank(text);
        TextRefusedException.requireWithin(text, maxLength);
        if (!hasVisibleCharacter(text)) {
            throw new TextRefusedException(TextRefusedException.Reason.NOTHING_VISIBLE, text.length(), maxLength);
        }
        return new CustomerText(text);
    }

    public String value() {
        return value;
    }

    private static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerText other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
