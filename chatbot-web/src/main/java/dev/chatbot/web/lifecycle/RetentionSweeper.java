package dev.chatbot.web.lifecycle;

import dev.chatbot.lifecycle.Retention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention sweep on a thread of its own, the first time shortly after the start and then at a fixed
 * interval (a day). Each instance sweeping the same Redis is harmless: deletes are idempotent.
 */
final class RetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final Retention retention;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention-sweep");
        t.setDaemon(true);
        return t;
    });

    RetentionSweeper(Retention retention) {
        this.retention = retention;
    }

    void start(Duration firstDelay, Duration interval) {
        if (retention.settings().keepsForever()) {
            log.info("Retention: conversations are kept forever (chatbot.retention.days is 0)");
            return;
        }
        executor.scheduleWithFixedDelay(this::sweep, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            long started = System.nanoTime();
            Retention.Report r = retention.sweep(progress -> {});
            if (r.conversations() > 0) {
                log.info(
                        "Retention: deleted {} conversations ({} events, {} channel records) last active before {} in "
                                + "{} ms",
                        r.conversations(),
                        r.events(),
                        r.otherRecords(),
                        r.cutoff(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Retention sweep failed; the next one tries again", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
