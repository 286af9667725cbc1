package dev.chatbot.transcript.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTranscriptStoreTest extends TranscriptStoreContractTest {

    @TempDir
    Path tempDir;

    private Path dataDir;

    @Override
    protected TranscriptStore openEmptyStore() {
        dataDir = tempDir.resolve("var");
        return SqliteTranscriptStore.open(SqliteSettings.defaults(dataDir));
    }

    @Override
    protected TranscriptStore reopen(TranscriptStore old) {
        old.close();
        return SqliteTranscriptStore.open(SqliteSettings.defaults(dataDir));
    }

    @Test
    void keepsTheDatabaseFilePrivateInAPrivateDirectory() throws Exception {
        started("c1", 0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        for (String name : List.of("chatbot.db", "chatbot.db-wal", "chatbot.db-shm")) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(name)
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void storesEachEventAsItsJsonInATableSqliteCanQuery() throws Exception {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "where is my parcel")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chatbot.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT json_extract(body, '$.text') FROM event WHERE type = 'MessageReceived'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("where is my parcel");
        }
    }

    @Test
    void aSecondStoreOnTheSameFileSeesWhatTheFirstCommitted() {
        ConversationId id = started("c1", 0);
        try (SqliteTranscriptStore beside = SqliteTranscriptStore.open(SqliteSettings.defaults(dataDir))) {
            store.append(id, 1, List.of(message("m1", "one")));
            assertThat(beside.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
            assertThat(beside.session(id).lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void refusesAnAppendOnACopyThatAnotherProcessMadeStale() {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "one")));
        assertThat(store.readForAppend(id)).hasSize(2); // the copy this store keeps
        try (SqliteTranscriptStore beside = SqliteTranscriptStore.open(SqliteSettings.defaults(dataDir))) {
            beside.delete(List.of(id));
        }
        assertThat(store.session(id).exists()).isFalse();
        assertThatThrownBy(() -> store.append(id, 2, List.of(message("m2", "two"))))
                .isInstanceOf(dev.chatbot.transcript.ConcurrentAppendException.class);
    }
}
