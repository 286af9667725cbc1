package dev.chatbot.web.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/** A Lettuce client with its one connection, opened with the web layer's command timeout; close shuts both. */
public record RedisConnection(RedisClient client, StatefulRedisConnection<String, String> connection)
        implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    /** Connects to {@code url}; a failed connection releases the client before the exception propagates. */
    public static RedisConnection open(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisConnection(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
