package dev.chatbot.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * How a customer asked to be reached, given on purpose in the leave-a-message form: kept as given (never redacted,
 * unlike message text), shown only to agents, and deleted with the conversation. At least an e-mail address or a
 * phone number; the name is optional. Blank fields become empty; surrounding spaces are dropped.
 *
 * @throws IllegalArgumentException with a message fit for the customer when a field is not acceptable
 */
public record ContactDetails(String name, String email, String phone, Instant leftAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 40;

    public ContactDetails {
        Objects.requireNonNull(leftAt, "leftAt");
        name = clean(name);
        email = clean(email);
        phone = clean(phone);
        if (email.isEmpty() && phone.isEmpty()) {
            throw new IllegalArgumentException("leave an e-mail address or a phone number (or both)");
        }
        if (name.length() > MAX_NAME || hasControl(name)) {
            throw new IllegalArgumentException("the name has at most " + MAX_NAME + " characters");
        }
        if (!email.isEmpty() && !isEmail(email)) {
            throw new IllegalArgumentException("the e-mail address should look like name@example.com");
        }
        if (!phone.isEmpty() && !isPhone(phone)) {
            throw new IllegalArgumentException(
                    "the phone number should have 6 to 20 digits (spaces, +, -, / and brackets are fine)");
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    /** One {@code @}, something before it, a dotted domain after it, no spaces or control characters. */
    private static boolean isEmail(String value) {
        if (value.length() > MAX_EMAIL || hasControl(value) || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@')) {
            return false;
        }
        String domain = value.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        return dot > 0 && dot < domain.length() - 1 && !domain.contains("..");
    }

    private static boolean isPhone(String value) {
        if (value.length() > MAX_PHONE) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (" +-/().".indexOf(c) < 0 || (c == '+' && i > 0)) {
                return false;
            }
        }
        return digits >= 6 && digits <= 20;
    }
}
