package dev.chatbot.web.redis;

import dev.chatbot.store.redis.RedisClients;
import dev.chatbot.store.redis.RedisStoreSettings;
import dev.chatbot.transcript.TranscriptStoreException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import java.util.function.Function;

/**
 * A Lettuce client with its one connection, set up like the transcript store's ({@link RedisClients}: fail fast
 * while Redis is away, reconnect in the background); close shuts connection, client and resources.
 */
public final class RedisConnection implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisConnection(ClientResources resources, RedisClient client,
                            StatefulRedisConnection<String, String> connection) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /** Connects to {@code settings.url()}; a failed connection releases the client before the exception propagates. */
    public static RedisConnection open(RedisStoreSettings settings) {
        ClientResources resources = RedisClients.resources(settings);
        RedisClient client = RedisClients.client(resources, settings);
        try {
            return new RedisConnection(resources, client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Runs commands on the connection. A Redis failure (refused while disconnected, timed out) becomes a
     * {@link TranscriptStoreException}, the store failure the service answers with 503 {@code store_unavailable}.
     */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        try {
            return commands.apply(connection.sync());
        } catch (RedisException e) {
            throw new TranscriptStoreException("Redis failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        resources.shutdown();
    }
}
