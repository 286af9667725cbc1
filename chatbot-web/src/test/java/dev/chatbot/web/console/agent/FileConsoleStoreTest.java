package dev.chatbot.web.console.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.console.agent.file.FileConsoleStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConsoleStoreTest extends ConsoleStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected ConsoleStore open() {
        return FileConsoleStore.open(dir);
    }

    @Test
    void accountsSurviveARestart() {
        store.add(agent("kept", Role.ADMIN));
        store.close();
        store = FileConsoleStore.open(dir);
        assertThat(store.agent(AgentId.of("kept"))).contains(agent("kept", Role.ADMIN));
    }
}
