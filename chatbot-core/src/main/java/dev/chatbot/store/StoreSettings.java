package dev.chatbot.store;

import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which stores to use ({@code --store embedded|redis}) and their settings. Default: the embedded database under
 * {@code var/} (see {@link SqliteSettings} and {@link RedisSettings} for theirs).
 */
public record StoreSettings(Kind kind, SqliteSettings embedded, RedisSettings redis) {

    public enum Kind {
        EMBEDDED,
        REDIS;

        /** Parses {@code embedded} or {@code redis} (any case). */
        public static Kind parse(String value) {
            try {
                return valueOf(
                        Objects.requireNonNull(value, "store kind").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown store '" + value + "': use embedded or redis");
            }
        }
    }

    public StoreSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EMBEDDED) {
            Objects.requireNonNull(embedded, "embedded store settings");
        } else {
            Objects.requireNonNull(redis, "Redis store settings");
        }
    }

    public static StoreSettings defaults() {
        return embedded(Path.of("var"));
    }

    public static StoreSettings embedded(Path dataDir) {
        return new StoreSettings(Kind.EMBEDDED, SqliteSettings.defaults(dataDir), null);
    }

    public static StoreSettings redis(String url) {
        return new StoreSettings(Kind.REDIS, null, RedisSettings.defaults(url));
    }
}
