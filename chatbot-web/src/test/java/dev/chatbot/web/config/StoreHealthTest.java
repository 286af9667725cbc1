package dev.chatbot.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The store's part of readiness (a Redis outage under a running instance is in StoreOutageAndLimitsTest, the client's
 * side in RedisReconnectTest, and under traffic in scripts/redis-restart.sh).
 */
class StoreHealthTest {

    @Test
    void isUpWhileTheStoreIsReachableAndDownOnceItIsNot(@TempDir Path dir) {
        TranscriptStore store = SqliteTranscriptStore.open(SqliteSettings.defaults(dir));
        HealthIndicator health = new CoreConfiguration().storeHealthIndicator(store);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        store.close();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
