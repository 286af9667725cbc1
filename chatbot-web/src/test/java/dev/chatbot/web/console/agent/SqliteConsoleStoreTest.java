package dev.chatbot.web.console.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.web.console.agent.sqlite.SqliteConsoleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConsoleStoreTest extends ConsoleStoreContractTest {

    @TempDir
    Path dir;

    private final List<SqliteDatabase> databases = new ArrayList<>();

    @Override
    protected ConsoleStore open() {
        SqliteDatabase db = SqliteDatabase.open(new SqliteSettings(dir, false));
        databases.add(db);
        return SqliteConsoleStore.open(db, dir);
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(SqliteDatabase::close);
    }

    @Test
    void accountsSurviveARestart() {
        store.add(agent("kept", Role.ADMIN));
        store.close();
        store = open();
        assertThat(store.agent(AgentId.of("kept"))).contains(agent("kept", Role.ADMIN));
    }

    @Test
    void importsTheAccountsFileOfAnOlderDataDirectoryOnceAndKeepsIt() throws Exception {
        Path console = Files.createDirectories(dir.resolve("console"));
        Files.writeString(
                console.resolve("agents.json"),
                "[" + quoted(ConsoleStoreJson.write(agent("olga", Role.ADMIN))) + ","
                        + quoted(ConsoleStoreJson.write(agent("piet", Role.AGENT))) + "]");
        store.close();
        store = open();
        assertThat(store.agents()).extracting(a -> a.id().value()).containsExactly("olga", "piet");
        assertThat(console.resolve("agents.json")).doesNotExist();
        assertThat(console.resolve("agents.json.imported")).exists();
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
