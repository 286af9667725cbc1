package dev.chatbot.transcript.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {

    @TempDir
    Path tempDir;

    @Test
    void unitsArrivingWithinTheCommitIntervalShareOneCommitAndAnIdleWriterCommitsAtOnce() throws Exception {
        Path file = tempDir.resolve("paced.db");
        SqliteSession session = new SqliteSession(DriverManager.getConnection("jdbc:sqlite:" + file));
        session.execute("PRAGMA journal_mode=WAL");
        session.execute("CREATE TABLE unit (n INTEGER PRIMARY KEY)");
        // an interval far longer than submitting the units takes, so they all arrive within it on any machine
        try (GroupCommitWriter writer = new GroupCommitWriter(session, file, Duration.ofSeconds(2))) {
            assertThat(insert(writer, 0).get()).isEqualTo(1);
            assertThat(writer.commits()).isEqualTo(1);

            List<CompletableFuture<Integer>> units = new ArrayList<>();
            for (int n = 1; n <= 20; n++) {
                units.add(insert(writer, n));
            }
            for (CompletableFuture<Integer> unit : units) {
                assertThat(unit.get()).isEqualTo(1);
            }
            assertThat(writer.commits()).isEqualTo(2);
            int rows = writer.submit(
                            s -> {
                                try (ResultSet rs =
                                        s.prepare("SELECT count(*) FROM unit").executeQuery()) {
                                    return rs.next() ? rs.getInt(1) : -1;
                                }
                            },
                            null,
                            false)
                    .get();
            assertThat(rows).isEqualTo(21);
        }
    }

    private static CompletableFuture<Integer> insert(GroupCommitWriter writer, int n) {
        return writer.submit(
                s -> {
                    PreparedStatement insert = s.prepare("INSERT INTO unit (n) VALUES (?)");
                    insert.setInt(1, n);
                    return insert.executeUpdate();
                },
                null,
                false);
    }
}
