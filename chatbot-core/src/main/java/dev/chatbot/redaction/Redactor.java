package dev.chatbot.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text by masks, as configured by {@link RedactionSettings}. Cards are
 * redacted first (so their digits are not mistaken for a phone number), then e-mail addresses, then phone
 * numbers. A digit run that looks like a card but fails the Luhn check is left alone (it is more likely an
 * order or tracking number). Immutable and thread-safe.
 */
public final class Redactor {

    /**
     * 13-19 digits, optionally grouped by single spaces or dashes; not after a {@code +} (a phone number) and
     * not starting with 0 (no card issuer number does).
     */
    private static final Pattern CARD = Pattern.compile("(?<![\\d+-])[1-9](?:[ -]?\\d){12,18}(?![\\d-])");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /**
     * International ({@code +} or {@code 00} prefix) or national (leading 0, or area code in brackets, or
     * US-style 3-3-4 groups) numbers; digit groups may be separated by a space, dot or dash.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+|00)\\d{1,3}[ .-]?(?:\\(0?\\d{1,4}\\)[ .-]?)?|\\(\\d{2,5}\\)[ .-]?|0(?=\\d)"
                    + "|(?=\\d{3}[.-]\\d{3}[.-]\\d{4}(?!\\d)))"
                    + "\\d{1,5}(?:[ .-]?\\d{1,5}){0,5}(?!\\w)");

    private final RedactionSettings settings;

    public Redactor(RedactionSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public static Redactor defaults() {
        return new Redactor(RedactionSettings.defaults());
    }

    /** The text with personal data masked; {@code null} gives {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (settings.cardNumbers()) {
            out = redactCards(out, settings.cardMask());
        }
        if (settings.emailAddresses()) {
            out = replace(out, EMAIL, m -> true, settings.emailMask());
        }
        if (settings.phoneNumbers()) {
            out = replace(out, PHONE, m -> digitCount(m) >= settings.minPhoneDigits() && digitCount(m) <= 15,
                    settings.phoneMask());
        }
        return out;
    }

    private static String replace(String text, Pattern pattern, Predicate<String> accept,
                                  String mask) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(accept.test(m.group()) ? mask : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Masks the longest Luhn-valid prefix (13+ digits, ending at a group boundary) of each card-like
     * digit run, so a card number followed by more digit groups (a CVV, an expiry) is still found.
     */
    private static String redactCards(String text, String mask) {
        Matcher m = CARD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            String run = m.group();
            int end = luhnPrefixEnd(run);
            if (end > 0) {
                out.append(text, last, m.start()).append(mask);
                last = m.start() + end;
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Length in characters of the longest prefix of {@code run} with 13+ digits passing Luhn, or 0. */
    private static int luhnPrefixEnd(String run) {
        StringBuilder digits = new StringBuilder();
        int[] endOfDigit = new int[run.length()];
        for (int i = 0; i < run.length(); i++) {
            if (Character.isDigit(run.charAt(i))) {
                endOfDigit[digits.length()] = i + 1;
                digits.append(run.charAt(i));
            }
        }
        for (int k = digits.length(); k >= 13; k--) {
            boolean groupEnd = k == digits.length() || !Character.isDigit(run.charAt(endOfDigit[k - 1]));
            if (groupEnd && luhnValid(digits.substring(0, k))) {
                return endOfDigit[k - 1];
            }
        }
        return 0;
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    private static int digitCount(String s) {
        return digits(s).length();
    }

    /** The Luhn (mod 10) check used by payment card numbers. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return digits.length() >= 13 && sum % 10 == 0;
    }
}
