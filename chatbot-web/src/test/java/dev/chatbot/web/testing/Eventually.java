package dev.chatbot.web.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the time is up (then fails with the description). */
public final class Eventually {

    private Eventually() {}

    public static void await(Duration atMost, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(50); // the polling interval of a wait for a condition, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
