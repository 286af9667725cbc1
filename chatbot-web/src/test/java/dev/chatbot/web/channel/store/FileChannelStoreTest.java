package dev.chatbot.web.channel.store;

import dev.chatbot.web.channel.ChannelStore;
import dev.chatbot.web.channel.ChannelStoreContractTest;
import dev.chatbot.web.channel.store.file.FileChannelStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileChannelStoreTest extends ChannelStoreContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected ChannelStore open() {
        return FileChannelStore.open(dataDir);
    }

    @Override
    protected ChannelStore reopen() {
        return FileChannelStore.open(dataDir);
    }
}
