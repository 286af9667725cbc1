package dev.chatbot.redaction;

import java.util.Objects;

/**
 * What to redact and what to put in its place.
 *
 * @param cardNumbers redact payment card numbers: 13-19 digits, optionally grouped by single spaces or
 *                    dashes, that pass the Luhn check (default true)
 * @param emailAddresses redact e-mail addresses, including plus-addressed ones (default true)
 * @param phoneNumbers redact phone numbers: international ({@code +44 20 7946 0958}, {@code 0049 30 1234567}),
 *                     and national forms with a leading 0 or an area code in brackets (default true)
 * @param minPhoneDigits fewest digits a phone number has; shorter runs (order numbers, prices) are kept
 *                       (default 7)
 * @param cardMask replacement for a card number (default {@code [card]})
 * @param emailMask replacement for an e-mail address (default {@code [email]})
 * @param phoneMask replacement for a phone number (default {@code [phone]})
 */
public record RedactionSettings(boolean cardNumbers, boolean emailAddresses, boolean phoneNumbers,
                                int minPhoneDigits, String cardMask, String emailMask, String phoneMask) {

    public RedactionSettings {
        if (minPhoneDigits < 5 || minPhoneDigits > 15) {
            throw new IllegalArgumentException("minPhoneDigits must be 5..15: " + minPhoneDigits);
        }
        Objects.requireNonNull(cardMask, "cardMask");
        Objects.requireNonNull(emailMask, "emailMask");
        Objects.requireNonNull(phoneMask, "phoneMask");
    }

    public static RedactionSettings defaults() {
        return new RedactionSettings(true, true, true, 7, "[card]", "[email]", "[phone]");
    }

    /** Redacts nothing (for tests and tools that need the raw text; never for stored transcripts). */
    public static RedactionSettings none() {
        return new RedactionSettings(false, false, false, 7, "[card]", "[email]", "[phone]");
    }
}
