package dev.chatbot.web.offload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class OffloadTest {

    @TempDir
    Path dir;

    @Test
    void classifiesOnOneThreadPerCorePlusOneUnlessConfigured() {
        assertThat(Offload.classificationThreads(0))
                .isEqualTo(Runtime.getRuntime().availableProcessors() + 1);
        assertThat(Offload.classificationThreads(4)).isEqualTo(4);
    }

    @Test
    void workAlreadyRunningIsNotInterruptedWhenItsRequestIsCancelled() throws Exception {
        try (Offload offload = new Offload(1, 10);
                FileChannel file =
                        FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Disposable request = offload.io(() -> {
                        started.countDown();
                        try {
                            cancelled.await(); // the client hangs up while the write is under way
                            file.write(ByteBuffer.wrap("line\n".getBytes()));
                            file.force(false);
                        } catch (InterruptedException | IOException e) {
                            failure.set(e);
                        } finally {
                            finished.countDown();
                        }
                        return true;
                    })
                    .subscribe();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            request.dispose();
            cancelled.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isNull();
            assertThat(file.isOpen()).as("an interrupt closes a FileChannel").isTrue();
        }
    }

    @Test
    void workNotYetStartedIsDroppedWhenItsRequestIsCancelled() throws Exception {
        try (Offload offload = new Offload(1, 10)) {
            CountDownLatch busy = new CountDownLatch(1);
            offload.classification(() -> busy.await(10, TimeUnit.SECONDS)).subscribe();
            AtomicBoolean ran = new AtomicBoolean();
            offload.classification(() -> ran.getAndSet(true)).subscribe().dispose();
            busy.countDown();
            StepVerifier.create(offload.classification(() -> "after"))
                    .expectNext("after")
                    .verifyComplete();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void classificationBeyondItsQueueIsRefused() throws Exception {
        try (Offload offload = new Offload(1, 1)) {
            CountDownLatch busy = new CountDownLatch(1);
            offload.classification(() -> busy.await(10, TimeUnit.SECONDS)).subscribe();
            offload.classification(() -> "queued").subscribe();
            StepVerifier.create(offload.classification(() -> "refused"))
                    .expectError(RejectedExecutionException.class)
                    .verify(Duration.ofSeconds(60));
            busy.countDown();
        }
    }

    @Test
    void failuresOfTheWorkReachTheCaller() {
        try (Offload offload = new Offload(1, 1)) {
            StepVerifier.create(offload.io(() -> {
                        throw new IOException("disk full");
                    }))
                    .expectErrorMessage("disk full")
                    .verify(Duration.ofSeconds(60));
        }
    }
}
