package dev.chatbot.redaction;

import java.util.Objects;

/**
 * One piece of personal data in a text: its kind and where it is, as {@code [start, end)} char indexes of the
 * text that was searched (not of its normalised form).
 */
public record Finding(PersonalData kind, int start, int end) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The found text in {@code text}, the text it was found in. */
    public String in(String text) {
        return text.substring(start, end);
    }
}
