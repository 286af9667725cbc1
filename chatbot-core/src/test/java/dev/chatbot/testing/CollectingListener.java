package dev.chatbot.testing;

import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects live events; {@link #await} waits (bounded) for the next ones. */
public final class CollectingListener implements EventListener {

    private final BlockingQueue<StoredEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(StoredEvent event) {
        events.add(event);
    }

    /** The next {@code count} events, failing if they do not arrive within {@code timeout}. */
    public List<StoredEvent> await(int count, Duration timeout) throws InterruptedException {
        List<StoredEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            StoredEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("expected " + count + " live events, got " + out.size() + ": " + out);
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The events that arrived beyond those already taken, without waiting: call it once an observable event (another
     * listener's delivery of a later event) shows that anything due here has been delivered.
     */
    public List<StoredEvent> drain() {
        List<StoredEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** Whether any event arrived that was not taken yet. */
    public boolean hasAny() {
        return !events.isEmpty();
    }
}
