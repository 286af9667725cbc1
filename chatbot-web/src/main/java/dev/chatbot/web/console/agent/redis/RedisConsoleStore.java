package dev.chatbot.web.console.agent.redis;

import dev.chatbot.store.redis.RedisStoreSettings;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.console.agent.ConsoleStoreJson;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Console store in Redis (Lettuce), shared by every instance: hash {@code <prefix>:console:agents} (agent id →
 * account JSON, added with {@code HSETNX}) and hash {@code <prefix>:console:presence} (agent id → report).
 */
public final class RedisConsoleStore implements ConsoleStore {

    private static final String REPLACE_IF_PRESENT =
            "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1 end return 0";

    private final RedisConnection connection;
    private final String agentsKey;
    private final String presenceKey;

    private RedisConsoleStore(RedisConnection connection, String prefix) {
        this.connection = connection;
        this.agentsKey = prefix + ":console:agents";
        this.presenceKey = prefix + ":console:presence";
    }

    /** Connects as {@code settings} say; a Redis failure surfaces as {@link TranscriptStoreException}. */
    public static RedisConsoleStore connect(RedisStoreSettings settings) {
        return new RedisConsoleStore(RedisConnection.open(settings), settings.keyPrefix());
    }

    @Override
    public boolean add(Agent agent) {
        return connection.call(redis -> redis.hsetnx(agentsKey, agent.id().value(), ConsoleStoreJson.write(agent)));
    }

    @Override
    public boolean update(Agent agent) {
        Long replaced = connection.call(redis -> redis.<Long>eval(REPLACE_IF_PRESENT, ScriptOutputType.INTEGER,
                new String[] {agentsKey}, agent.id().value(), ConsoleStoreJson.write(agent)));
        return replaced != null && replaced == 1;
    }

    @Override
    public Optional<Agent> agent(AgentId id) {
        return Optional.ofNullable(connection.call(redis -> redis.hget(agentsKey, id.value())))
                .map(ConsoleStoreJson::agent);
    }

    @Override
    public List<Agent> agents() {
        return connection.call(redis -> redis.hvals(agentsKey)).stream().map(ConsoleStoreJson::agent)
                .sorted(Comparator.comparing(a -> a.id().value())).toList();
    }

    @Override
    public void report(Presence presence) {
        connection.call(redis -> redis.hset(presenceKey, presence.agent().value(), ConsoleStoreJson.write(presence)));
    }

    @Override
    public List<Presence> presences() {
        return connection.call(redis -> redis.hvals(presenceKey)).stream().map(ConsoleStoreJson::presence).toList();
    }

    @Override
    public void close() {
        connection.close();
    }
}
