package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.DeadLetter;
import dev.chatbot.channel.Delivery;
import dev.chatbot.web.metrics.ChatMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every poll it asks the store for what is due (each conversation's first pending message
 * whose time has come, so messages waiting for a retry cost nothing) and sends it; while a round sends something,
 * the next round sends the messages that were behind it, so a conversation's messages go out in order within one
 * poll. A failed attempt is retried after an exponential backoff (initial × 2^(attempts-1), capped, with up to 20%
 * jitter); a permanent refusal (a 4xx other than 408 and 429) makes the message a dead letter with the platform's
 * reason, counted in {@code chatbot_delivery_dead_letters_total}, and the conversation's next message goes on.
 * Runs on one thread of its own.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 500;
    /** Rounds per poll at most: a conversation with more messages queued than this finishes at the next poll. */
    private static final int MAX_ROUNDS = 20;

    private final ChannelStore store;
    private final Map<String, OutboundChannel> channels;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery");
        t.setDaemon(true);
        return t;
    });

    public DeliveryWorker(
            ChannelStore store,
            List<OutboundChannel> channels,
            Duration initialBackoff,
            Duration maxBackoff,
            ChatMetrics metrics,
            Clock clock) {
        this.store = store;
        this.channels = channels.stream().collect(java.util.stream.Collectors.toMap(OutboundChannel::name, c -> c));
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void start(Duration pollInterval) {
        executor.scheduleWithFixedDelay(
                this::runSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Delivery round failed; trying again next round", e);
        }
    }

    /** One poll: attempts every due message, then those that were behind the ones that went. */
    void deliverDue() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int done = 0;
            for (Delivery delivery : store.due(clock.instant(), BATCH)) {
                if (attempt(delivery)) {
                    done++;
                }
            }
            if (done == 0) {
                return;
            }
        }
    }

    /** True when the delivery left the outbox (delivered or dead-lettered), false when it waits for a retry. */
    private boolean attempt(Delivery delivery) {
        OutboundChannel channel = channels.get(delivery.to().channel());
        try {
            if (channel == null || !channel.enabled()) {
                throw new IllegalStateException("channel " + delivery.to().channel() + " is not configured to send");
            }
            channel.send(delivery);
            store.delivered(delivery.id());
            return true;
        } catch (DeliveryRefusedException refused) {
            if (!refused.permanent()) {
                retryLater(delivery, refused);
                return false;
            }
            log.warn(
                    "Delivery {} to {} refused for good ({}): {}; kept as a dead letter",
                    delivery.id(),
                    delivery.to().channel(),
                    refused.status(),
                    refused.reason());
            store.deadLetter(new DeadLetter(delivery.retryAt(delivery.notBefore()), refused.reason(), clock.instant()));
            metrics.deadLetter(delivery.to().channel());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            retryLater(delivery, e);
            return false;
        }
    }

    private void retryLater(Delivery delivery, Exception e) {
        Instant next = clock.instant().plus(backoff(delivery.attempts() + 1));
        log.info(
                "Delivery {} to {} failed (attempt {}): {}; next attempt at {}",
                delivery.id(),
                delivery.to().channel(),
                delivery.attempts() + 1,
                e.toString(),
                next);
        store.retryLater(delivery.retryAt(next));
    }

    Duration backoff(int attempts) {
        long base = initialBackoff.toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, maxBackoff.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
