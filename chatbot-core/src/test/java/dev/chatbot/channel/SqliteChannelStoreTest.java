package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.sqlite.SqliteChannelStore;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChannelStoreTest extends ChannelStoreContractTest {

    @TempDir
    Path dataDir;

    private final List<SqliteDatabase> databases = new ArrayList<>();

    @Override
    protected ChannelStore open() {
        return reopen();
    }

    @Override
    protected ChannelStore reopen() {
        SqliteDatabase db = SqliteDatabase.open(new SqliteSettings(dataDir, false));
        databases.add(db);
        return new SqliteChannelStore(db);
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(SqliteDatabase::close);
    }

    @Test
    void importsTheAddressBookAndOutboxOfAnOlderDataDirectoryOnceAndKeepsTheFiles() throws Exception {
        Path old = dataDir.resolve("old");
        Path channels = Files.createDirectories(old.resolve("channels"));
        Files.writeString(channels.resolve("addresses.jsonl"), """
                {"conversationId":"generic-abc-0","address":{"channel":"generic","address":"user-7"}}
                not json
                """, StandardCharsets.UTF_8);
        Files.writeString(
                channels.resolve("outbox.json"),
                "[" + DeliveryJson.write(delivery("generic-abc-0", 4, java.time.Instant.parse("2026-01-01T10:00:00Z")))
                        + "]",
                StandardCharsets.UTF_8);

        try (Stores stores =
                Stores.open(new StoreSettings(StoreSettings.Kind.EMBEDDED, new SqliteSettings(old, false), null))) {
            assertThat(stores.channels().address(ConversationId.of("generic-abc-0")))
                    .contains(new ChannelAddress("generic", "user-7"));
            assertThat(stores.channels().pending(10)).extracting(Delivery::id).containsExactly("generic-abc-0:4");
        }
        assertThat(old.resolve("channels")).doesNotExist();
        assertThat(old.resolve("channels.imported").resolve("addresses.jsonl")).exists();
    }
}
