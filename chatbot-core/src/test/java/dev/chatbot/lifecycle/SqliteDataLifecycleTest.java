package dev.chatbot.lifecycle;

import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** On the embedded database: the erased text is searched for in every byte of the data directory (database, log). */
class SqliteDataLifecycleTest extends DataLifecycleContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected Stores openStores() {
        return Stores.open(new StoreSettings(StoreSettings.Kind.EMBEDDED, SqliteSettings.defaults(dataDir), null));
    }

    @Override
    protected String everythingStored() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile)
                    .map(SqliteDataLifecycleTest::bytes)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String bytes(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
