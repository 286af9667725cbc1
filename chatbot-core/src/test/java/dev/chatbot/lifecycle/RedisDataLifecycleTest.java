package dev.chatbot.lifecycle;

import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/** On Redis: the erased text is searched for in every key of the deployment's prefix and every value they hold. */
class RedisDataLifecycleTest extends DataLifecycleContractTest {

    private RedisSettings settings;

    @Override
    protected Stores openStores() {
        settings = RedisSettings.defaults(RedisTestServer.url())
                .withKeyPrefix("life" + UUID.randomUUID().toString().substring(0, 8));
        return Stores.open(new StoreSettings(StoreSettings.Kind.REDIS, null, settings));
    }

    @Override
    protected String everythingStored() {
        StringBuilder all = new StringBuilder();
        try (RedisConnections redis = RedisConnections.connect(settings)) {
            RedisCommands<String, String> r = redis.connection().sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = r.scan(
                        cursor,
                        ScanArgs.Builder.matches(settings.keyPrefix() + ":*").limit(500));
                for (String key : page.getKeys()) {
                    all.append(key).append('\n');
                    switch (r.type(key)) {
                        case "string" -> all.append(r.get(key));
                        case "hash" -> all.append(r.hgetall(key));
                        case "list" -> all.append(r.lrange(key, 0, -1));
                        case "set" -> all.append(r.smembers(key));
                        case "zset" -> all.append(r.zrange(key, 0, -1));
                        case "stream" -> r.xrange(key, Range.create("-", "+")).forEach(m -> all.append(m.getBody()));
                        default -> all.append("?");
                    }
                    all.append('\n');
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        return all.toString();
    }
}
