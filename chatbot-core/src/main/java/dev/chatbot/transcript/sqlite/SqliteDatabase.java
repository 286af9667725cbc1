package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.TranscriptStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database: one SQLite file ({@link SqliteSettings#FILE_NAME}) in the data directory, shared by every
 * embedded adapter of a process (transcripts, channels, console accounts). WAL mode, so readers never wait for the
 * writer; the schema is created and migrated by Flyway from {@code db/sqlite/V*.sql} when the database is opened.
 *
 * <p><b>One writer, group commit</b> ({@link GroupCommitWriter}): every write is a unit of work handed to one writer
 * thread, which commits all the units waiting at that moment in one transaction; with {@code fsync} the commit forces
 * the WAL to disk ({@code synchronous=FULL}), and {@link #write} returns only after that. Concurrent writers share one
 * fsync instead of queueing for one each. The log is copied into the file by a checkpointer of its own
 * ({@link WalCheckpointer}), not by the commits.
 *
 * <p><b>Readers</b> take a connection from a small pool ({@code query_only}); each statement sees the last committed
 * state. Other processes (the {@code ./chatbot} commands) may read and write the same file meanwhile; SQLite's locks
 * keep them apart ({@code busy_timeout} 10 s).
 *
 * <p>Deleted content is overwritten ({@code secure_delete}), so erased text does not linger in free pages;
 * {@link #truncateLog()} also clears it from the write-ahead log. The retention period's batches free whole pages
 * without writing them ({@link ConversationRows}); new events reuse them. Thread-safe.
 *
 * <p>Over 250 lines: the database's whole life (open, migrate, write, read, truncate, close) is kept in one owner.
 */
public final class SqliteDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int READERS = 8;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int CATCH_UP_ROUNDS = 40;
    private static final int WAL_PAGES = 1000;
    /**
     * With fsync on, commits start at most every 3 ms: under steady chat traffic about twice as many appends share
     * each fsync, for at most 3 ms more on an acknowledgement (docs/service-benchmarks.md).
     */
    private static final Duration FSYNC_COMMIT_INTERVAL = Duration.ofMillis(3);

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(SqliteSession session) throws SQLException;
    }

    private final SqliteSettings settings;
    private final GroupCommitWriter writer;
    private final WalCheckpointer checkpointer;
    private final BlockingQueue<SqliteSession> readers = new ArrayBlockingQueue<>(READERS);
    private final List<SqliteSession> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private SqliteDatabase(SqliteSettings settings) throws SQLException, IOException {
        this.settings = settings;
        Path file = PrivateDataDir.create(settings);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SqliteSession writing = new SqliteSession(connect(url, false));
        Connection checkpointing = null;
        try {
            writing.execute("PRAGMA journal_mode=WAL");
            migrate(url);
            for (int i = 0; i < READERS; i++) {
                SqliteSession reader = new SqliteSession(connect(url, true));
                allReaders.add(reader);
                readers.add(reader);
            }
            checkpointing = connect(url, false);
        } catch (SQLException | RuntimeException e) {
            allReaders.forEach(SqliteSession::close);
            writing.close();
            throw e;
        }
        this.writer = new GroupCommitWriter(writing, file, settings.fsync() ? FSYNC_COMMIT_INTERVAL : Duration.ZERO);
        this.checkpointer = new WalCheckpointer(checkpointing);
    }

    /**
     * Opens (creating if needed) the database in {@code settings.dataDir()} and brings its schema up to date.
     *
     * @throws TranscriptStoreException if the file cannot be opened or migrated
     */
    public static SqliteDatabase open(SqliteSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            return new SqliteDatabase(settings);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new TranscriptStoreException(
                    "cannot open the database " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    public SqliteSettings settings() {
        return settings;
    }

    public Path file() {
        return settings.file();
    }

    private Connection connect(String url, boolean reader) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
        // no "SELECT last_insert_rowid()" prepared after every insert and update: keys are read with RETURNING
        p.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection(url, p);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
            s.execute("PRAGMA synchronous=" + (settings.fsync() ? "FULL" : "NORMAL"));
            s.execute("PRAGMA secure_delete=ON");
            s.execute("PRAGMA foreign_keys=ON");
            if (reader) {
                s.execute("PRAGMA query_only=ON");
            } else {
                s.execute("PRAGMA journal_size_limit=" + (64 << 20)); // the log shrinks back after a big transaction
                // the checkpointer copies the log in the background; the writer finishes the copy itself once the log
                // holds WAL_PAGES pages, between two commits, so the next commit can start the log over
                // (WalCheckpointer)
                s.execute("PRAGMA wal_autocheckpoint=" + WAL_PAGES);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void migrate(String url) {
        Flyway.configure(SqliteDatabase.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/sqlite")
                .load()
                .migrate();
    }

    /**
     * Runs {@code work} in the writer's next transaction, shared with the other writes waiting at that moment, and
     * returns its result once the transaction is committed (forced to disk with fsync). An exception thrown by the
     * work undoes only its own writes and is thrown here as it was.
     *
     * @throws TranscriptStoreException if the transaction could not be committed (nothing of it is acknowledged)
     */
    public <T> T write(Work<T> work) {
        return write(work, null);
    }

    /**
     * {@link #write} with {@code afterCommit} run on the writer thread right after the commit, before any later
     * transaction: callbacks run in commit order (live events go out in the order they were stored). It must be quick
     * and must not write.
     */
    public <T> T write(Work<T> work, Consumer<T> afterCommit) {
        Objects.requireNonNull(work, "work");
        return await(writer.submit(work, afterCommit, false));
    }

    /**
     * {@link #write} for a big unit (a batch of deletions): committed in a transaction of its own, so the small writes
     * waiting beside it (a customer's message) are committed before it and never wait for it.
     */
    public <T> T writeBulk(Work<T> work, Consumer<T> afterCommit) {
        Objects.requireNonNull(work, "work");
        return await(writer.submit(work, afterCommit, true));
    }

    private static <T> T await(CompletableFuture<T> done) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptStoreException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new TranscriptStoreException("the database failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs read-only {@code work} on a pooled connection. Each statement sees the last committed state; wrap several in
     * {@code BEGIN}/{@code COMMIT} for one snapshot. The work must not read again inside (the pool is small).
     */
    public <T> T read(Work<T> work) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        SqliteSession session;
        try {
            session = readers.poll(BUSY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptStoreException("interrupted while waiting for a database connection", e);
        }
        if (session == null) {
            throw new TranscriptStoreException("no database connection free for " + BUSY_TIMEOUT_MILLIS + " ms");
        }
        try {
            return work.run(session);
        } catch (SQLException e) {
            endSnapshot(session);
            throw new TranscriptStoreException("cannot read " + file() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            endSnapshot(session);
            throw e;
        } finally {
            readers.add(session);
        }
    }

    /** Ends a read transaction the work may have left open (it failed before its COMMIT). */
    private static void endSnapshot(SqliteSession session) {
        try {
            session.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open
        }
    }

    /** Whether writes are accepted: open, and no commit has failed. */
    public boolean writable() {
        return !closed && writer.writable();
    }

    /**
     * Checkpoints the write-ahead log into the database file and truncates it to zero bytes, after every write queued
     * before, so that content deleted by them is gone from the log too (it is already overwritten in the file). Waits
     * for readers to finish (up to the busy timeout); best effort: false if some reader kept the log busy. The log is
     * first copied by passive checkpoints, which block nobody, so the truncating one holds the writer only briefly.
     */
    public boolean truncateLog() {
        try {
            checkpointer.catchUp(CATCH_UP_ROUNDS);
            return await(writer.checkpoint());
        } catch (RuntimeException e) {
            log.warn("checkpoint of {} failed: {}", file(), e.toString());
            return false;
        }
    }

    /** Stops the writer after the writes already handed to it, and closes every connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        checkpointer.close();
        allReaders.forEach(SqliteSession::close);
    }
}
