package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.TranscriptStoreException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded database: one SQLite file ({@link SqliteSettings#FILE_NAME}) in the data directory, shared by every
 * embedded adapter of a process (transcripts, channels, console accounts). WAL mode, so readers never wait for the
 * writer; the schema is created and migrated by Flyway from {@code db/sqlite/V*.sql} when the database is opened.
 *
 * <p><b>One writer, group commit.</b> Every write is a unit of work handed to one writer thread, which runs all the
 * work waiting at that moment in one transaction (each unit in a savepoint of its own, so one failing unit does not
 * undo the others) and commits once: with {@code fsync} the commit forces the WAL to disk ({@code synchronous=FULL}),
 * and {@link #write} returns only after that. Concurrent writers thus share one fsync instead of queueing for one
 * each. A commit that fails with an I/O error is not retried: the database refuses every later write until the
 * process restarts (the kernel may have dropped the unwritten pages, so a later success would prove nothing).
 *
 * <p><b>Readers</b> take a connection from a small pool ({@code query_only}); each statement sees the last
 * committed state. Other processes (the {@code ./chatbot} commands) may read and write the same file meanwhile;
 * SQLite's locks keep them apart ({@code busy_timeout} 10 s).
 *
 * <p>Deleted content is overwritten ({@code secure_delete}), so erased or expired text does not linger in free
 * pages; {@link #truncateLog()} also clears it from the write-ahead log. Thread-safe.
 */
public final class SqliteDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int READERS = 8;
    private static final int MAX_BATCH = 256;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /** A connection with its prepared statements cached by their SQL text; used by one thread at a time. */
    public static final class Session {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Session(Connection connection) {
            this.connection = connection;
        }

        /** The statement for {@code sql}, prepared once per connection; its parameters are cleared. */
        public PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement s = statements.get(sql);
            if (s == null) {
                s = connection.prepareStatement(sql);
                statements.put(sql, s);
            } else {
                s.clearParameters();
            }
            return s;
        }

        /** Runs a statement without parameters or results (prepared once, like {@link #prepare}). */
        public void execute(String sql) throws SQLException {
            PreparedStatement s = prepare(sql);
            if (s.execute()) {
                s.getResultSet().close(); // a pragma's answer: done with it, so the statement holds no lock
            }
        }

        public Connection connection() {
            return connection;
        }

        void close() {
            for (PreparedStatement s : statements.values()) {
                try {
                    s.close();
                } catch (SQLException e) {
                    // closing anyway
                }
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing a database connection failed", e);
            }
        }
    }

    private record Task<T>(Work<T> work, Consumer<T> afterCommit, CompletableFuture<T> done) {
    }

    private final SqliteSettings settings;
    private final Session writer;
    private final BlockingQueue<Session> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Session> allReaders = new ArrayList<>();
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private volatile boolean closed;
    private volatile SQLException failed;

    private SqliteDatabase(SqliteSettings settings) throws SQLException, IOException {
        this.settings = settings;
        Path file = createPrivately(settings);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.writer = new Session(connect(url, false));
        try {
            writer.execute("PRAGMA journal_mode=WAL");
            migrate(url);
            for (int i = 0; i < READERS; i++) {
                Session reader = new Session(connect(url, true));
                allReaders.add(reader);
                readers.add(reader);
            }
        } catch (SQLException | RuntimeException e) {
            allReaders.forEach(Session::close);
            writer.close();
            throw e;
        }
        writerThread = new Thread(this::writeLoop, "sqlite-writer");
        writerThread.setDaemon(true);
        writerThread.start();
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
            throw new TranscriptStoreException("cannot open the database " + settings.file() + ": " + e.getMessage(),
                    e);
        }
    }

    public SqliteSettings settings() {
        return settings;
    }

    public Path file() {
        return settings.file();
    }

    /** The data directory 0700 and the database file 0600 (where the file system has POSIX permissions). */
    private static Path createPrivately(SqliteSettings settings) throws IOException {
        Path dir = settings.dataDir();
        Path file = settings.file();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            Files.createDirectories(dir);
            return file;
        }
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
        }
        Files.setPosixFilePermissions(dir, owner); // the data of customers: no one else reads it
        if (!Files.exists(file)) {
            // SQLite creates its -wal and -shm files with the permissions of the database file
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private Connection connect(String url, boolean reader) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
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
     * transaction: callbacks run in commit order (live events go out in the order they were stored). It must be quick.
     */
    public <T> T write(Work<T> work, Consumer<T> afterCommit) {
        Objects.requireNonNull(work, "work");
        refuseIfUnusable();
        CompletableFuture<T> done = new CompletableFuture<>();
        tasks.add(new Task<>(work, afterCommit, done));
        if (closed) { // closed meanwhile: the writer may have stopped before taking this task
            done.completeExceptionally(new IllegalStateException("the database is closed"));
        }
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
     * {@code BEGIN}/{@code COMMIT} for one snapshot.
     */
    public <T> T read(Work<T> work) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        Session session;
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
    private static void endSnapshot(Session session) {
        try {
            session.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open
        }
    }

    /** Whether writes are accepted: open, and no commit has failed. */
    public boolean writable() {
        return !closed && failed == null;
    }

    /**
     * Checkpoints the write-ahead log into the database file and truncates it to zero bytes, so that content deleted
     * by earlier transactions is gone from the log too (it is already overwritten in the database file). Waits for
     * readers to finish (up to the busy timeout); best effort: returns false if some reader kept the log busy.
     */
    public boolean truncateLog() {
        refuseIfUnusable();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        tasks.add(new Task<>(CHECKPOINT, null, done));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            log.warn("checkpoint of {} failed: {}", file(), e.getCause().toString());
            return false;
        }
    }

    /** A marker task: the writer checkpoints outside a transaction when it meets it. */
    private static final Work<Boolean> CHECKPOINT = session -> {
        try (Statement s = session.connection().createStatement();
             var rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    };

    private void refuseIfUnusable() {
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        SQLException e = failed;
        if (e != null) {
            throw new TranscriptStoreException("an earlier commit to " + file() + " failed (" + e.getMessage()
                    + "); restart the server to recover from the database file", e);
        }
    }

    private void writeLoop() {
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
                tasks.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("the database writer failed", e);
                for (Task<?> t : batch) {
                    t.done().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
        for (Task<?> t; (t = tasks.poll()) != null; ) {
            t.done().completeExceptionally(new IllegalStateException("the database is closed"));
        }
    }

    private void runBatch(List<Task<?>> batch) {
        List<Task<?>> work = new ArrayList<>(batch.size());
        for (Task<?> t : batch) {
            if (t.work() == CHECKPOINT) {
                commitAll(work);
                work.clear();
                complete(t, CHECKPOINT);
            } else {
                work.add(t);
            }
        }
        commitAll(work);
    }

    @SuppressWarnings("unchecked")
    private <T> void complete(Task<T> task, Work<?> work) {
        try {
            task.done().complete((T) work.run(writer));
        } catch (SQLException | RuntimeException e) {
            task.done().completeExceptionally(e);
        }
    }

    /** One transaction for the tasks, each in a savepoint; completes every task. */
    private void commitAll(List<Task<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        SQLException unusable = failed;
        if (unusable != null || closed) {
            for (Task<?> t : batch) {
                t.done().completeExceptionally(unusable != null
                        ? new TranscriptStoreException("an earlier commit failed: " + unusable.getMessage(), unusable)
                        : new IllegalStateException("the database is closed"));
            }
            return;
        }
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        try {
            writer.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            failAll(batch, new TranscriptStoreException("cannot start a transaction on " + file() + ": "
                    + e.getMessage(), e));
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
                            ? new TranscriptStoreException("cannot write to " + file() + ": " + e.getMessage(), e) : e;
                }
            }
            writer.execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            if (isDurabilityFailure(e)) {
                failed = e;
                log.error("Commit to {} failed; refusing further writes until a restart", file(), e);
            }
            failAll(batch, new TranscriptStoreException("cannot commit to " + file() + ": " + e.getMessage(), e));
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

    private static boolean isDurabilityFailure(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return code != SQLiteErrorCode.SQLITE_BUSY && code != SQLiteErrorCode.SQLITE_LOCKED
                    && !code.name().startsWith("SQLITE_BUSY") && !code.name().startsWith("SQLITE_LOCKED");
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
        for (Task<?> t : batch) {
            t.done().completeExceptionally(e);
        }
    }

    /** Stops the writer after the writes already handed to it, and closes every connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Session reader : allReaders) {
            reader.close();
        }
        writer.close();
    }
}
