package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.TranscriptStoreException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one writer of the embedded database (group commit): a thread that takes every unit of work waiting at that
 * moment, runs them in one transaction, each in a savepoint of its own (a unit that fails undoes only itself), commits
 * once, runs the units' after-commit actions in commit order, and then completes their futures. Commits start at most
 * once per {@code commitInterval}: a unit that arrives sooner after the last commit began waits for the rest of the
 * interval, so the units arriving meanwhile share its fsync (under steady traffic fewer, larger commits; an idle
 * database commits at once). A commit that fails with an I/O error is not retried: every later unit is refused until
 * the process restarts (the kernel may have dropped the pages, so a later success would prove nothing).
 *
 * <p>Over 250 lines: the queue, the pacing, the savepoints and the failure rules are one loop over one connection.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 256;

    /** A unit of work; a bulk one (a batch of deletions) is committed on its own, never with the units around it. */
    private record Task<T>(
            SqliteDatabase.Work<T> work, Consumer<T> afterCommit, CompletableFuture<T> done, boolean bulk) {}

    /** A marker unit: the writer checkpoints the log outside a transaction when it meets it. */
    private static final SqliteDatabase.Work<Boolean> CHECKPOINT = session -> {
        try (Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    };

    private final SqliteSession writer;
    private final Path file;
    private final long commitIntervalNanos;
    private long lastCommitStart;
    private volatile long commits;
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile SQLException failed;

    /** @param commitInterval the least time between the starts of two commits; zero commits whenever work waits */
    GroupCommitWriter(SqliteSession writer, Path file, Duration commitInterval) {
        this.writer = writer;
        this.file = file;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.lastCommitStart = System.nanoTime() - commitIntervalNanos; // the first unit is committed at once
        this.thread = new Thread(this::loop, "sqlite-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a unit; its future completes after the commit that holds it (or with the unit's own exception). A bulk
     * unit gets a transaction of its own, so the small writes queued beside it are not held up by it.
     */
    <T> CompletableFuture<T> submit(SqliteDatabase.Work<T> work, Consumer<T> afterCommit, boolean bulk) {
        refuseIfUnusable();
        CompletableFuture<T> done = new CompletableFuture<>();
        tasks.add(new Task<>(work, afterCommit, done, bulk));
        if (closed) { // closed meanwhile: the thread may have stopped before taking this task
            done.completeExceptionally(new IllegalStateException("the database is closed"));
        }
        return done;
    }

    /** Queues a checkpoint that truncates the log, after every unit queued before it is committed. */
    CompletableFuture<Boolean> checkpoint() {
        return submit(CHECKPOINT, null, true);
    }

    /** Transactions committed so far (a measure of how many units share a commit). */
    long commits() {
        return commits;
    }

    boolean writable() {
        return !closed && failed == null;
    }

    private void refuseIfUnusable() {
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        SQLException e = failed;
        if (e != null) {
            throw new TranscriptStoreException(
                    "an earlier commit to " + file + " failed (" + e.getMessage()
                            + "); restart the server to recover from the database file",
                    e);
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Task<?> first = tasks.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                gather(batch);
                List<Task<?>> units = new ArrayList<>(batch.size());
                for (Task<?> t : batch) {
                    if (t.work() == CHECKPOINT) {
                        commit(units);
                        units.clear();
                        runAlone(t);
                    } else if (t.bulk()) {
                        commit(units); // what waited beside it goes first, in a commit of its own
                        units.clear();
                        commit(List.of(t));
                    } else {
                        units.add(t);
                    }
                }
                commit(units);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("the database writer failed", e);
                rollbackQuietly(); // a transaction left open would refuse every later BEGIN
                batch.forEach(t -> t.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Task<?> t; (t = tasks.poll()) != null; ) {
            t.done().completeExceptionally(new IllegalStateException("the database is closed"));
        }
    }

    /** Adds the units waiting, after waiting out the rest of the commit interval if the last commit began recently. */
    private void gather(List<Task<?>> batch) {
        tasks.drainTo(batch, MAX_BATCH - batch.size());
        long wait = lastCommitStart + commitIntervalNanos - System.nanoTime();
        if (wait > 0 && batch.size() < MAX_BATCH) {
            LockSupport.parkNanos(wait);
            tasks.drainTo(batch, MAX_BATCH - batch.size());
        }
        lastCommitStart = System.nanoTime();
    }

    @SuppressWarnings("unchecked")
    private <T> void runAlone(Task<T> task) {
        try {
            task.done().complete(task.work().run(writer));
        } catch (SQLException | RuntimeException e) {
            task.done().completeExceptionally(e);
        }
    }

    /** One transaction for the units, each in a savepoint; completes every one. */
    private void commit(List<Task<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        SQLException unusable = failed;
        if (unusable != null) {
            failAll(
                    batch,
                    new TranscriptStoreException("an earlier commit failed: " + unusable.getMessage(), unusable));
            return;
        }
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        try {
            writer.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            failAll(
                    batch,
                    new TranscriptStoreException("cannot start a transaction on " + file + ": " + e.getMessage(), e));
            return;
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                writer.execute("SAVEPOINT unit");
                try {
                    results[i] = batch.get(i).work().run(writer);
                    writer.execute("RELEASE unit");
                } catch (SQLException | RuntimeException e) {
                    writer.execute("ROLLBACK TO unit");
                    writer.execute("RELEASE unit");
                    errors[i] = e instanceof SQLException
                            ? new TranscriptStoreException("cannot write to " + file + ": " + e.getMessage(), e)
                            : e;
                }
            }
            writer.execute("COMMIT");
            commits++; // written by the writer thread only
        } catch (SQLException e) {
            rollbackQuietly();
            if (isDurabilityFailure(e)) {
                failed = e;
                log.error("Commit to {} failed; refusing further writes until a restart", file, e);
            }
            failAll(batch, new TranscriptStoreException("cannot commit to " + file + ": " + e.getMessage(), e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            finish(batch.get(i), results[i], errors[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void finish(Task<T> task, Object result, Throwable error) {
        if (error != null) {
            task.done().completeExceptionally(error);
            return;
        }
        if (task.afterCommit() != null) {
            try {
                task.afterCommit().accept((T) result);
            } catch (RuntimeException e) {
                log.warn("an after-commit action failed", e);
            }
        }
        task.done().complete((T) result);
    }

    /** Anything but a lock held by another process (which a later commit may get past) means the disk failed. */
    private static boolean isDurabilityFailure(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return !code.name().startsWith("SQLITE_BUSY") && !code.name().startsWith("SQLITE_LOCKED");
        }
        return true;
    }

    private void rollbackQuietly() {
        try {
            writer.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction left to roll back
        }
    }

    private static void failAll(List<Task<?>> batch, RuntimeException e) {
        batch.forEach(t -> t.done().completeExceptionally(e));
    }

    /** Stops after the units already queued (waits up to 30 s) and closes the writer's connection. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
