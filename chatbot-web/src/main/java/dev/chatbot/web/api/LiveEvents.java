package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.offload.Offload;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A conversation's events as a complete, ordered stream: subscribes to the store's live events first
 * (buffering them), then reads the history after {@code after}, and passes each sequence number once. The
 * store's listener runs on a store thread and only hands events to the buffer.
 */
public final class LiveEvents {

    private final TranscriptStore store;
    private final Offload offload;

    public LiveEvents(TranscriptStore store, Offload offload) {
        this.store = store;
        this.offload = offload;
    }

    public Flux<StoredEvent> follow(ConversationId id, long after) {
        return Flux.defer(() -> {
            Sinks.Many<StoredEvent> buffer = Sinks.many().unicast().onBackpressureBuffer();
            AtomicLong last = new AtomicLong(after);
            return offload.io(() -> new Started(store.subscribe(id, buffer::tryEmitNext), store.read(id, after)))
                    .flatMapMany(started -> Flux.concat(Flux.fromIterable(started.history()), buffer.asFlux())
                            .doFinally(signal -> started.subscription().close()))
                    .filter(e -> e.sequence() > last.get())
                    .doOnNext(e -> last.set(e.sequence()));
        });
    }

    private record Started(Subscription subscription, List<StoredEvent> history) {}
}
