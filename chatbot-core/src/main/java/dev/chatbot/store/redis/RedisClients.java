package dev.chatbot.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce set-up every Redis adapter uses, so they all behave alike while Redis is away: the connection
 * reconnects in the background (pauses doubling from 10 ms up to {@link RedisStoreSettings#maxReconnectDelay()}),
 * and a command issued while it is down is refused at once ({@code REJECT_COMMANDS}) instead of being queued
 * until the command timeout; the adapter turns the refusal into its store exception, which the service answers
 * with 503 and Retry-After. A command already sent when the connection dropped is bounded by
 * {@link RedisStoreSettings#commandTimeout()}. The caller owns both resources and client and shuts both down.
 */
public final class RedisClients {

    private RedisClients() {
    }

    /** Event loops and timers for one client, with the reconnect pauses of {@code settings}. */
    public static ClientResources resources(RedisStoreSettings settings) {
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), settings.maxReconnectDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
    }

    /** A client for {@code settings.url()} on {@code resources}; connections it opens fail fast while Redis is away. */
    public static RedisClient client(ClientResources resources, RedisStoreSettings settings) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // async commands (pipelined reads, subscriptions) get the same bound as sync ones
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        return client;
    }
}
