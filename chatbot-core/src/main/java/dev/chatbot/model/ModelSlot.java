package dev.chatbot.model;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model the service answers with, replaceable while serving (hot swap). Each message takes one {@link #current()}
 * snapshot and is classified and answered with it, so a message in flight finishes on the model it started with.
 * Thread-safe.
 */
public final class ModelSlot {

    private final AtomicReference<FaqModel> current;

    public ModelSlot(FaqModel initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public FaqModel current() {
        return current.get();
    }

    /** Serves {@code next} from the next message on; returns the model it replaced. */
    public FaqModel swap(FaqModel next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
