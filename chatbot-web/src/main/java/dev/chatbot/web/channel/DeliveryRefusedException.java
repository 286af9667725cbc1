package dev.chatbot.web.channel;

import java.io.IOException;

/**
 * A platform answered a delivery with an error status. {@link #permanent()} for a 4xx other than 408 (timeout) and
 * 429 (too many requests): sending the same message again cannot succeed, so it becomes a dead letter; every other
 * status is worth a retry. {@link #reason()} is the platform's own words where its answer has them.
 */
public final class DeliveryRefusedException extends IOException {

    private final int status;
    private final String reason;
    private final long platformCode;

    public DeliveryRefusedException(int status, String reason, long platformCode) {
        super("answered " + status + ": " + reason);
        this.status = status;
        this.reason = reason;
        this.platformCode = platformCode;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The platform's error code (WhatsApp's {@code error.code}, Telegram's {@code error_code}), or -1. */
    public long platformCode() {
        return platformCode;
    }

    public boolean permanent() {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** The same refusal told in other words (a platform's code the agent would not understand). */
    public DeliveryRefusedException withReason(String otherReason) {
        return new DeliveryRefusedException(status, otherReason, platformCode);
    }
}
