package dev.chatbot.redaction;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to redact and what to put in its place.
 *
 * @param kinds the kinds of personal data to redact (default: all of {@link PersonalData})
 * @param minPhoneDigits fewest digits a phone number has; shorter numbers (order numbers, prices) are kept
 *                       (default 7; 5..15)
 * @param masks the replacement of each kind (default {@link PersonalData#defaultMask()}); kinds missing here get
 *              their default
 */
public record RedactionSettings(Set<PersonalData> kinds, int minPhoneDigits, Map<PersonalData, String> masks) {

    public RedactionSettings {
        Objects.requireNonNull(kinds, "kinds");
        Objects.requireNonNull(masks, "masks");
        if (minPhoneDigits < 5 || minPhoneDigits > 15) {
            throw new IllegalArgumentException("minPhoneDigits must be 5..15: " + minPhoneDigits);
        }
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        Map<PersonalData, String> all = new EnumMap<>(PersonalData.class);
        for (PersonalData kind : PersonalData.values()) {
            all.put(kind, Objects.requireNonNull(masks.getOrDefault(kind, kind.defaultMask()), "mask of " + kind));
        }
        masks = Map.copyOf(all);
    }

    /** Every kind, default masks, phone numbers from 7 digits. */
    public static RedactionSettings defaults() {
        return new RedactionSettings(EnumSet.allOf(PersonalData.class), 7, Map.of());
    }

    /** Only {@code kinds}, with the default masks. */
    public static RedactionSettings only(PersonalData first, PersonalData... more) {
        return new RedactionSettings(EnumSet.of(first, more), 7, Map.of());
    }

    /** Redacts nothing (for tests and tools that need the raw text; never for stored transcripts). */
    public static RedactionSettings none() {
        return new RedactionSettings(Set.of(), 7, Map.of());
    }

    /** These settings with {@code mask} for {@code kind}. */
    public RedactionSettings withMask(PersonalData kind, String mask) {
        Map<PersonalData, String> changed = new EnumMap<>(masks);
        changed.put(kind, mask);
        return new RedactionSettings(kinds, minPhoneDigits, changed);
    }

    public String mask(PersonalData kind) {
        return masks.get(kind);
    }
}
