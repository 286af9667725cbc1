package dev.chatbot.transcript.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the embedded database with its prepared statements cached by their SQL text, so a statement is
 * parsed once per connection. Used by one thread at a time (the writer, or the reader that borrowed it).
 */
public final class SqliteSession {

    private static final Logger log = LoggerFactory.getLogger(SqliteSession.class);

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqliteSession(Connection connection) {
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

    /** Runs a statement without parameters (prepared once, like {@link #prepare}); a result is read and dropped. */
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
