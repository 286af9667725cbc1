package dev.chatbot.web.console;

import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * "Something happened in some conversation" signals for the live queue: one store subscription per instance
 * (seeing the events of every instance through the store), fanned out to every console connected here.
 */
public final class QueueFeed implements AutoCloseable {

    private final Sinks.Many<Long> changes = Sinks.many().multicast().directBestEffort();
    private final Subscription subscription;

    public QueueFeed(TranscriptStore store) {
        this.subscription = store.subscribeAll(event -> changes.tryEmitNext(event.sequence()));
    }

    /**
     * Ticks when the queue may have changed: one at once, then at most one per {@code coalesce} while events
     * arrive, and one every {@code refresh} anyway (waiting times, presence).
     */
    public Flux<Long> ticks(Duration coalesce, Duration refresh) {
        return Flux.merge(Flux.just(0L), changes.asFlux().sample(coalesce), Flux.interval(refresh, refresh));
    }

    @Override
    public void close() {
        subscription.close();
        changes.tryEmitComplete();
    }
}
