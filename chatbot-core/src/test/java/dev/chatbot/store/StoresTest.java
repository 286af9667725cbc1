package dev.chatbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @TempDir
    Path dataDir;

    private StoreSettings settings() {
        return new StoreSettings(StoreSettings.Kind.EMBEDDED, new SqliteSettings(dataDir, false), null);
    }

    @Test
    void refusesASecondServerOnTheSameDataDirectoryButNotACommandBesideIt() {
        try (Stores server = Stores.open(settings())) {
            assertThatThrownBy(() -> Stores.open(settings()))
                    .isInstanceOf(TranscriptStoreException.class)
                    .hasMessageContaining("in use by another server");
            try (Stores command = Stores.openBeside(settings())) {
                assertThat(command.transcripts().conversations()).isEmpty();
            }
        }
    }

    @Test
    void importsTheTranscriptsOfAJsonLinesDataDirectoryOnceAndKeepsTheOldFiles() throws Exception {
        EventJson json = new EventJson();
        ConversationId a = ConversationId.of("a1");
        ConversationId b = ConversationId.of("b2");
        Path old = Files.createDirectories(dataDir.resolve("transcripts"));
        String lines = json.writeBatch(
                        List.of(new StoredEvent(a, 1, new TranscriptEvent.ConversationStarted(T0, "web", "en"))))
                + "\n"
                + json.writeBatch(List.of(
                        new StoredEvent(b, 1, new TranscriptEvent.ConversationStarted(T0, "generic", "en")),
                        new StoredEvent(
                                b,
                                2,
                                new TranscriptEvent.MessageReceived(T0, MessageId.of("m1"), "hello", List.of(), "v1"))))
                + "\n"
                + json.writeBatch(List.of(new StoredEvent(
                        a,
                        2,
                        new TranscriptEvent.Escalated(
                                T0.plusSeconds(5), null, EscalationReason.USER_REQUEST, null, "wait"))))
                + "\n[{\"v\":1,\"type\":\"Mess"; // a torn last line: cut short by a crash, never acknowledged
        Files.writeString(old.resolve("segment-000001.jsonl"), lines, StandardCharsets.UTF_8);

        try (Stores stores = Stores.open(settings())) {
            assertThat(stores.transcripts().conversations()).containsExactly(a, b);
            assertThat(stores.transcripts().read(b, 0)).hasSize(2);
            assertThat(stores.transcripts().session(a).state()).isEqualTo(ConversationState.QUEUED);
            assertThat(stores.transcripts().queue())
                    .extracting(q -> q.conversationId())
                    .containsExactly(a);
        }
        assertThat(dataDir.resolve("transcripts")).doesNotExist();
        assertThat(dataDir.resolve("transcripts.imported").resolve("segment-000001.jsonl"))
                .hasContent(lines);
        try (Stores again = Stores.open(settings())) { // nothing left to import: the same two
            assertThat(again.transcripts().conversations()).containsExactly(a, b);
        }
    }

    @Test
    void refusesToStartOnACorruptOldSegmentNamingItsLineAndImportsNothing() throws Exception {
        Path old = Files.createDirectories(dataDir.resolve("transcripts"));
        Files.writeString(old.resolve("segment-000001.jsonl"), "garbage\n[]\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Stores.open(settings()))
                .isInstanceOf(TranscriptStoreException.class)
                .hasMessageContaining("segment-000001.jsonl:1");
        assertThat(old.resolve("segment-000001.jsonl")).exists();
    }
}
