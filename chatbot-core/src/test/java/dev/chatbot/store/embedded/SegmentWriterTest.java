package dev.chatbot.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentWriterTest {

    @TempDir
    Path dir;

    private EmbeddedStoreSettings settings() {
        return new EmbeddedStoreSettings(dir, true, EmbeddedStoreSettings.DEFAULT_SEGMENT_BYTES);
    }

    @Test
    void oneFsyncServesEveryLineWrittenBeforeItStarted() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        try (SegmentWriter writer = new SegmentWriter(dir, 1, settings(), channel -> {
            forces.incrementAndGet();
            channel.force(false);
        })) {
            long first = writer.write("[1]");
            long second = writer.write("[2]");
            long third = writer.write("[3]");
            writer.awaitDurable(third); // covers all three
            writer.awaitDurable(first);
            writer.awaitDurable(second);
            assertThat(forces).hasValue(1);
            assertThat(Files.readAllLines(SegmentFiles.name(dir, 1))).containsExactly("[1]", "[2]", "[3]");
        }
    }

    @Test
    void concurrentWritersAllBecomeDurableWithFewerFsyncsThanLines() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        Object storeLock = new Object(); // write() runs under the store's lock, as in EmbeddedTranscriptStore
        int threads = 8;
        int lines = 50;
        try (SegmentWriter writer = new SegmentWriter(dir, 1, settings(), channel -> {
            forces.incrementAndGet();
            channel.force(false);
            sleepQuietly(); // a slow disk: others write meanwhile and share the next fsync
        })) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < lines; i++) {
                        long position;
                        synchronized (storeLock) {
                            position = writer.write("[\"" + thread + "-" + i + "\"]");
                        }
                        writer.awaitDurable(position);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(Files.readAllLines(SegmentFiles.name(dir, 1))).hasSize(threads * lines);
            assertThat(forces.get()).isLessThan(threads * lines);
        }
    }

    @Test
    void aFailedFsyncIsNotRetriedAndEveryLaterCallIsRefused() throws Exception {
        try (SegmentWriter writer = new SegmentWriter(dir, 1, settings(), channel -> {
            throw new IOException("disk full");
        })) {
            long position = writer.write("[1]");
            assertThatThrownBy(() -> writer.awaitDurable(position)).isInstanceOf(IOException.class)
                    .hasMessage("disk full");
            assertThat(writer.failed()).isTrue();
            assertThatThrownBy(() -> writer.awaitDurable(position)).isInstanceOf(IOException.class)
                    .hasMessageContaining("an earlier fsync of the transcript failed (disk full)");
            assertThatThrownBy(() -> writer.write("[2]")).isInstanceOf(IOException.class)
                    .hasMessageContaining("restart the server");
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
