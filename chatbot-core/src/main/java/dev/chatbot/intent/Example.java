package dev.chatbot.intent;

import java.util.Objects;

/** One labelled training or test message. {@code source} says where it came from, e.g. {@code faq.yml:12}. */
public record Example(String text, IntentName intent, String source) {

    public Example {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        if (text.isBlank()) {
            throw new IllegalArgumentException("example text is blank (" + source + ")");
        }
        source = source == null ? "" : source;
    }

    public Example(String text, IntentName intent) {
        this(text, intent, "");
    }
}
