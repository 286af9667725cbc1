package dev.chatbot.web.metrics;

import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.TranscriptStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The service's own metrics (Prometheus names in brackets): messages by channel
 * ({@code chatbot_messages_total}), escalations by reason ({@code chatbot_escalations_total}), classification
 * latency histogram ({@code chatbot_classification_seconds}), messages waiting for or in classification
 * ({@code chatbot_classification_queue}), conversations waiting for an agent ({@code chatbot_handoff_queue_length}),
 * pending outbound deliveries ({@code chatbot_delivery_pending}), deliveries the platform refused for good, by
 * channel ({@code chatbot_delivery_dead_letters_total}) and the served model ({@code chatbot_model_info}).
 */
public final class ChatMetrics {

    static final Duration QUEUE_FRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Timer classification;
    private final AtomicInteger classificationQueue = new AtomicInteger();
    /** Counters by channel and by reason, looked up once each (a registry lookup per message costs more). */
    private final ConcurrentMap<String, Counter> messages = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> escalations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private Gauge modelInfo;
    private final TranscriptStore store;
    /** The queue's length as last seen, and when (nanoTime); see {@link #handoffQueueLength()}. */
    private volatile long queueLength = -1;

    private volatile long queueSeenAt;

    /** Registers the metrics; {@code chatbot_model_info} appears with the first {@link #modelChanged}. */
    public ChatMetrics(MeterRegistry registry, TranscriptStore store) {
        this.registry = registry;
        this.classification = Timer.builder("chatbot.classification")
                .description("Time to classify one customer message")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        Gauge.builder("chatbot.classification.queue", classificationQueue, AtomicInteger::get)
                .description("Customer messages waiting for or in classification")
                .register(registry);
        this.store = store;
        Gauge.builder("chatbot.handoff.queue.length", this, ChatMetrics::handoffQueueLength)
                .description("Conversations waiting for an agent")
                .register(registry);
    }

    /** The served model is {@code modelVersion} (at start and after a hot swap): {@code chatbot_model_info} carries its version tag only. */
    public synchronized void modelChanged(String modelVersion) {
        if (modelInfo != null) {
            registry.remove(modelInfo);
        }
        modelInfo = Gauge.builder("chatbot.model.info", () -> 1)
                .description("The intent model being served (version tag)")
                .tag("version", modelVersion)
                .register(registry);
    }

    /** The queue is {@code length} long now (the console's queue snapshot read it anyway). */
    public void handoffQueueLength(int length) {
        queueLength = length;
        queueSeenAt = System.nanoTime();
    }

    /**
     * The queue's length for the gauge: as the console last saw it if that was within {@link #QUEUE_FRESH}, else
     * read from the store, so a scrape costs at most one queue read per that time, and none while consoles are open.
     */
    private synchronized double handoffQueueLength() {
        if (queueLength < 0 || System.nanoTime() - queueSeenAt > QUEUE_FRESH.toNanos()) {
            handoffQueueLength(store.queue().size());
        }
        return queueLength;
    }

    public Timer classification() {
        return classification;
    }

    /** Counts a message entering classification; the returned runnable marks it done. */
    public Runnable enterClassification() {
        classificationQueue.incrementAndGet();
        return classificationQueue::decrementAndGet;
    }

    public void message(String channel, Reply reply) {
        messages.computeIfAbsent(
                        channel,
                        c -> Counter.builder("chatbot.messages")
                                .description("Customer messages handled")
                                .tag("channel", c)
                                .register(registry))
                .increment();
        reply.escalation().ifPresent(reason -> escalation(reason.name()));
    }

    public void escalation(String reason) {
        escalations
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("chatbot.escalations")
                                .description("Conversations handed to a person, by reason")
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    public void deliveryPending(Supplier<Number> pending) {
        Gauge.builder("chatbot.delivery.pending", pending)
                .description("Outbound messages not yet delivered")
                .register(registry);
    }

    /** A delivery to {@code channel} was refused for good and became a dead letter. */
    public void deadLetter(String channel) {
        deadLetters
                .computeIfAbsent(
                        channel,
                        c -> Counter.builder("chatbot.delivery.dead.letters")
                                .description("Outbound messages the platform refused for good, by channel")
                                .tag("channel", c)
                                .register(registry))
                .increment();
    }
}
