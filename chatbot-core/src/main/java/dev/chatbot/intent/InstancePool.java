package dev.chatbot.intent;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Instances of something that is not thread-safe (a DL4J network copy, an OpenNLP categorizer), made on demand
 * and reused: each call borrows one for the duration of {@code work}. The pool grows to the most callers at once
 * and never shrinks. A model keeps its own pool, so a replaced model is released together with every instance it
 * made; a {@code ThreadLocal} would keep them reachable from each long-lived thread that once used the model.
 * Thread-safe.
 */
public final class InstancePool<T> {

    private final Supplier<T> factory;
    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();

    public InstancePool(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Runs {@code work} with an instance no other caller is using, and returns its result. */
    public <R> R with(Function<T, R> work) {
        T instance = idle.pollFirst();
        if (instance == null) {
            instance = factory.get();
        }
        try {
            return work.apply(instance);
        } finally {
            idle.offerFirst(instance);
        }
    }
}
