package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every poll it sends each conversation's oldest pending message whose time has come,
 * then the next ones of that conversation, in order. A failed attempt is retried after an exponential
 * backoff (initial × 2^(attempts-1), capped, with up to 20% jitter); a message is kept until delivered.
 * Runs on one thread of its own.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 500;

    private final ChannelStore store;
    private final Map<String, OutboundChannel> channels;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery");
        t.setDaemon(true);
        return t;
    });

    public DeliveryWorker(ChannelStore store, List<OutboundChannel> channels, Duration initialBackoff,
                          Duration maxBackoff, Clock clock) {
        this.store = store;
        this.channels = channels.stream().collect(java.util.stream.Collectors.toMap(OutboundChannel::name, c -> c));
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    public void start(Duration pollInterval) {
        executor.scheduleWithFixedDelay(this::runSafely, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Delivery round failed; trying again next round", e);
        }
    }

    /** One round: attempts every due message, keeping each conversation's order. */
    void deliverDue() {
        Instant now = clock.instant();
        Set<String> blocked = new HashSet<>();
        for (Delivery delivery : store.pending(BATCH)) {
            if (blocked.contains(delivery.conversationId())) {
                continue;
            }
            if (delivery.notBefore().isAfter(now) || !attempt(delivery)) {
                blocked.add(delivery.conversationId());
            }
        }
    }

    private boolean attempt(Delivery delivery) {
        OutboundChannel channel = channels.get(delivery.to().channel());
        try {
            if (channel == null || !channel.enabled()) {
                throw new IllegalStateException("channel " + delivery.to().channel() + " is not configured to send");
            }
            channel.send(delivery);
            store.delivered(delivery.id());
            return true;
        } catch (Exception e) {
            Instant next = clock.instant().plus(backoff(delivery.attempts() + 1));
            log.info("Delivery {} to {} failed (attempt {}): {}; next attempt at {}", delivery.id(),
                    delivery.to().channel(), delivery.attempts() + 1, e.toString(), next);
            store.retryLater(delivery.retryAt(next));
            return false;
        }
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
