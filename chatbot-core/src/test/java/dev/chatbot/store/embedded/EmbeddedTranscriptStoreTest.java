package dev.chatbot.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreContractTest;
import dev.chatbot.transcript.TranscriptStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTranscriptStoreTest extends TranscriptStoreContractTest {

    @TempDir
    Path tempDir;
    private Path dataDir;

    @Override
    protected TranscriptStore openEmptyStore() {
        dataDir = tempDir.resolve("var");
        return EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir));
    }

    @Override
    protected TranscriptStore reopen(TranscriptStore old) {
        old.close();
        return EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir));
    }

    private Path segment() {
        return dataDir.resolve("transcripts").resolve("segment-000001.jsonl");
    }

    @Test
    void dropsATornLastLineOnOpenAndKeepsAppendingAfterIt() throws Exception {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "kept")));
        store.close();
        Files.writeString(segment(), "[{\"v\":1,\"type\":\"MessageRec", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        store = EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir));
        assertThat(store.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        store.append(id, 2, List.of(message("m2", "after repair")));
        store = reopen(store);
        assertThat(store.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void refusesToOpenWhenALineBeforeTheLastIsCorrupt() throws Exception {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "one")));
        store.close();
        List<String> lines = Files.readAllLines(segment());
        Files.write(segment(), List.of("garbage", lines.get(1)));
        assertThatThrownBy(() -> EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir)))
                .isInstanceOf(TranscriptStoreException.class)
                .hasMessageContaining("segment-000001.jsonl:1");
        store = EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(tempDir.resolve("other")));
    }

    @Test
    void refusesASecondStoreOnTheSameDirectory() {
        assertThatThrownBy(() -> EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir)))
                .isInstanceOf(TranscriptStoreException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void writesOneReadableJsonLinePerAppendAndRollsSegmentsBySize() throws Exception {
        store.close();
        store = EmbeddedTranscriptStore.open(new EmbeddedStoreSettings(dataDir, false, 1024));
        ConversationId id = started("c1", 0);
        for (int i = 1; i <= 20; i++) {
            store.append(id, i, List.of(message("m" + i, "message number " + i)));
        }
        try (var files = Files.list(dataDir.resolve("transcripts"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jsonl")).count()).isGreaterThan(1);
        }
        assertThat(Files.readAllLines(segment()).get(0)).startsWith("[{\"v\":1,\"type\":\"ConversationStarted\"");
        store = reopen(store);
        assertThat(store.read(id, 0)).hasSize(21);
    }
}
