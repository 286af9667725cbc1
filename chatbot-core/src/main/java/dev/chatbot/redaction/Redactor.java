package dev.chatbot.redaction;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds personal data in free text and replaces it by masks, as {@link RedactionSettings} say: payment card
 * numbers (Luhn), IBANs (mod 97), e-mail addresses, phone numbers and national ID numbers ({@link PersonalData}).
 * Digit strings that fail their check, dates, prices and numbers introduced as references ("order 0123456") are
 * kept.
 *
 * <p>Linear time, whatever the input: the text is normalised once (NFKC per code point, digits of every script
 * folded to ASCII, format characters dropped; {@link NormalizedText}) and read by hand-written scanners, in this
 * order, each finding kept unless an earlier one covers it: IBANs, e-mail addresses, lettered national IDs,
 * then digit runs (cards, numeric IDs, phones). No regular expression is involved.
 *
 * <p>Callers choose what to redact: {@link #redact(String)} masks every finding, {@link #find(String)} only reports
 * them, and {@link #redact(String, Predicate)} keeps the findings the caller wants kept (for example a contact
 * address the customer gave on purpose). A text that must be kept whole is simply not passed in. Immutable and
 * thread-safe.
 */
public final class Redactor {

    private final RedactionSettings settings;

    public Redactor(RedactionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public static Redactor defaults() {
        return new Redactor(RedactionSettings.defaults());
    }

    public RedactionSettings settings() {
        return settings;
    }

    /** The personal data in {@code text}, in order and without overlaps; empty for {@code null} or empty text. */
    public List<Finding> find(String text) {
        if (text == null || text.isEmpty() || settings.kinds().isEmpty()) {
            return List.of();
        }
        return scan(NormalizedText.of(text)).findings();
    }

    /** The text with personal data masked; {@code null} gives {@code null}. */
    public String redact(String text) {
        return redact(text, finding -> false);
    }

    /** The text with the personal data masked, except the findings {@code keep} accepts. */
    public String redact(String text, Predicate<Finding> keep) {
        Objects.requireNonNull(keep, "keep");
        List<Finding> findings = find(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Finding f : findings) {
            if (!keep.test(f)) {
                out.append(text, last, f.start()).append(settings.mask(f.kind()));
                last = f.end();
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    private Spans scan(NormalizedText normalized) {
        Spans spans = new Spans(normalized, settings.kinds());
        if (spans.wants(PersonalData.IBAN)) {
            Ibans.scan(normalized, spans);
        }
        if (spans.wants(PersonalData.EMAIL_ADDRESS)) {
            Emails.scan(normalized, spans);
        }
        if (spans.wants(PersonalData.NATIONAL_ID)) {
            LetteredIds.scan(normalized, spans);
        }
        if (spans.wants(PersonalData.CARD_NUMBER)
                || spans.wants(PersonalData.NATIONAL_ID)
                || spans.wants(PersonalData.PHONE_NUMBER)) {
            Numbers.scan(normalized, spans, settings.minPhoneDigits());
        }
        return spans;
    }

    /**
     * How many chars the scanners read for {@code text} with these settings: a measure of work that, unlike time,
     * does not depend on the machine (the tests check it grows linearly with the length of any input).
     */
    long steps(String text) {
        NormalizedText normalized = NormalizedText.of(text);
        scan(normalized);
        return normalized.steps;
    }

    /** The Luhn (mod 10) check of payment card numbers, over ASCII digits; false for fewer than 13 digits. */
    static boolean luhnValid(String digits) {
        return digits.length() >= 13 && Checksums.luhn(digits);
    }
}
