package dev.chatbot.transcript.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointerTest {

    @TempDir
    Path tempDir;

    @Test
    void catchingUpCopiesTheWholeLogAndTheTruncationLeavesItEmpty() throws Exception {
        Path dataDir = tempDir.resolve("var");
        try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.defaults(dataDir))) {
            database.write(session -> {
                session.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)");
                return null;
            });
            for (int round = 0; round < 20; round++) {
                int first = round * 500;
                database.writeBulk(
                        session -> {
                            PreparedStatement insert = session.prepare("INSERT INTO filler (n, text) VALUES (?, ?)");
                            for (int n = first; n < first + 500; n++) {
                                insert.setInt(1, n);
                                insert.setString(2, "row " + n + " ".repeat(200));
                                insert.executeUpdate();
                            }
                            return null;
                        },
                        null);
            }
            Path log = dataDir.resolve("chatbot.db-wal");
            assertThat(Files.size(log)).isPositive();

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chatbot.db"))) {
                WalCheckpointer checkpointer = new WalCheckpointer(c);
                try {
                    assertThat(checkpointer.catchUp(100)).isTrue();
                    assertThat(checkpointer.passive()).isTrue();
                } finally {
                    checkpointer.close();
                }
            }
            assertThat(database.truncateLog()).isTrue();
            assertThat(Files.size(log)).isZero();
            int rows = database.read(session -> {
                try (var rs = session.prepare("SELECT count(*) FROM filler").executeQuery()) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            });
            assertThat(rows).isEqualTo(10_000);
        }
    }
}
