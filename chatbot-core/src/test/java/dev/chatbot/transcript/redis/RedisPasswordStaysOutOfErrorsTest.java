package dev.chatbot.transcript.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.TranscriptStoreException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RedisPasswordStaysOutOfErrorsTest {

    @Test
    void aFailedConnectionNamesTheServerButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "redis://chatbot:s3cret-pa55@127.0.0.1:" + closedPort + "/0";
        assertThatThrownBy(() -> RedisTranscriptStore.connect(RedisSettings.defaults(url)))
                .isInstanceOf(TranscriptStoreException.class)
                .satisfies(e -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        all.append(t).append('\n');
                    }
                    assertThat(all.toString()).contains("127.0.0.1").doesNotContain("s3cret-pa55");
                });
    }
}
