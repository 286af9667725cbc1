package dev.chatbot.web.offload;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Where the service's work runs when it must not run on an HTTP event loop: the one place that chooses threads.
 * Classification (CPU-bound) runs on a pool of its own with a bounded queue; past the queue it is refused with
 * {@link RejectedExecutionException} (answered 503). Blocking I/O (the stores, Redis calls, files) runs on an I/O
 * pool of up to ten threads per core.
 *
 * <p>Work that has started is never interrupted when its request is cancelled (the client hung up): an interrupt
 * closes a {@code FileChannel} in the middle of a write or an fsync, after which the embedded store refuses every
 * append until the server restarts. Work that has not started yet is dropped. Thread-safe.
 */
public final class Offload implements AutoCloseable {

    private static final int IO_THREADS_PER_CORE = 10;
    private static final int IO_QUEUE = 100_000;

    private final ThreadPoolExecutor classification;
    private final ThreadPoolExecutor io;

    /**
     * @param classificationThreads threads classifying at once; 0 for {@link #classificationThreads(int) the default}
     * @param classificationQueue   messages that may wait for a classification thread before new ones are refused
     */
    public Offload(int classificationThreads, int classificationQueue) {
        if (classificationThreads < 0 || classificationQueue < 1) {
            throw new IllegalArgumentException(
                    "classification threads must be 0 (one per core plus one) or more, and the queue at least 1");
        }
        this.classification = pool(
                "classify",
                classificationThreads(classificationThreads),
                new ArrayBlockingQueue<>(classificationQueue));
        int ioThreads = IO_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
        this.io = pool("io", ioThreads, new LinkedBlockingQueue<>(IO_QUEUE));
    }

    /**
     * The classification threads for a configured count: the count itself, or for 0 one per core plus one, so a core
     * keeps classifying while one classifying thread is descheduled (measured in docs/service-benchmarks.md).
     */
    public static int classificationThreads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors() + 1;
    }

    /** Runs CPU-bound classification work on the classification pool. */
    public <T> Mono<T> classification(Callable<T> work) {
        return on(classification, work);
    }

    /** Runs blocking I/O (store reads and writes, Redis calls, files) on the I/O pool. */
    public <T> Mono<T> io(Callable<T> work) {
        return on(io, work);
    }

    /** The I/O pool as an executor, for work that writes a response as it reads (a streamed download). */
    public Executor ioExecutor() {
        return io;
    }

    private static <T> Mono<T> on(ThreadPoolExecutor pool, Callable<T> work) {
        // a CompletableFuture is cancelled without interrupting the thread that runs its work
        return Mono.fromFuture(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            pool.execute(() -> {
                if (result.isDone()) {
                    return; // cancelled before it started
                }
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        });
    }

    private static ThreadPoolExecutor pool(String name, int threads, BlockingQueue<Runnable> queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() {
        classification.shutdown();
        io.shutdown();
    }
}
