package dev.chatbot.transcript.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on a thread and connection of its own, every
 * {@link #INTERVAL_MILLIS} ms: a passive checkpoint, which never blocks the writer or a reader, so most pages are copied
 * off the commits' path. It cannot start the log over, though: under steady traffic a commit always lands while it
 * copies, so the log would grow for as long as traffic lasts (gigabytes in minutes at a few hundred messages a second)
 * and the commit that finally restarted it would wait seconds. The writer therefore also checkpoints once the log
 * holds {@code wal_autocheckpoint} pages (SQLite's default 1,000, about 4 MB), between two commits, where it finds
 * little left to copy, and the next commit starts the log over.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long INTERVAL_MILLIS = 500;
    static final long CATCH_UP_PAUSE_MILLIS = 50;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean closed;

    WalCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "sqlite-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
                passive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                if (!closed) {
                    log.warn("checkpoint of the database log failed (tried again shortly): {}", e.getMessage());
                }
            }
        }
    }

    /**
     * Copies as much of the log as it can without waiting for anyone, on this checkpointer's connection.
     *
     * @return whether the whole log is now in the database file
     */
    synchronized boolean passive() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return rs.next() && rs.getInt(1) == 0 && rs.getInt(2) == rs.getInt(3); // (busy, frames in log, copied)
        }
    }

    /**
     * Runs passive checkpoints, up to {@code rounds} of them {@link #CATCH_UP_PAUSE_MILLIS} ms apart, until the whole
     * log is in the database file. A truncating checkpoint after it has little left to copy, so the writer it blocks
     * (and every commit queued behind it) waits for a moment instead of for the copy of a large log.
     *
     * @return whether the log was caught up
     */
    boolean catchUp(int rounds) {
        for (int i = 0; i < rounds && !closed; i++) {
            try {
                if (passive()) {
                    return true;
                }
                Thread.sleep(CATCH_UP_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (SQLException e) {
                log.warn("checkpoint of the database log failed: {}", e.getMessage());
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
