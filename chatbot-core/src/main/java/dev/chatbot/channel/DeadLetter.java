package dev.chatbot.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery the platform refused for good (a 4xx answer other than 408 and 429: WhatsApp's 24-hour window closed,
 * a user who blocked the bot), taken out of the outbox so it never holds up other messages, and kept with the
 * conversation so the agent sees what did not reach the customer and why.
 *
 * @param reason the platform's reason, e.g. {@code WhatsApp's 24-hour customer-service window is closed}
 */
public record DeadLetter(Delivery delivery, String reason, Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(failedAt, "failedAt");
        reason = reason == null || reason.isBlank() ? "refused" : reason.strip();
        if (reason.length() > 500) {
            reason = reason.substring(0, 500);
        }
    }
}
