package dev.chatbot.transcript.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on a thread and connection of its own, every
 * {@link #INTERVAL_MILLIS} ms: a passive checkpoint, which never blocks the writer or a reader. The writer itself does
 * not checkpoint ({@code wal_autocheckpoint=0}), so no commit, and no customer's message waiting for one, pays for
 * copying pages and forcing the database file to disk.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long INTERVAL_MILLIS = 500;

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
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    rs.next(); // (busy, frames in the log, frames copied)
                }
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
