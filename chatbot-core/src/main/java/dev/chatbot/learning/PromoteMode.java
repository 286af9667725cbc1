package dev.chatbot.learning;

import java.util.Locale;

/** {@code --promote}: let the gate decide, never promote, or promote whatever the gate says. */
public enum PromoteMode {
    AUTO,
    NEVER,
    FORCE;

    /** Parses {@code auto}, {@code never} or {@code force} (any case). */
    public static PromoteMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown promote mode '" + value + "': use auto, never or force");
        }
    }
}
