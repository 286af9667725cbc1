package dev.chatbot.cli;

import dev.chatbot.store.StoreSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * The options that name a store ({@code --store embedded|redis}, {@code --data-dir var}, {@code --redis-url},
 * {@code --redis-prefix}) and the period options of the data lifecycle commands.
 */
final class StoreOptions {

    static final Set<String> NAMES = Set.of("store", "data-dir", "redis-url", "redis-prefix");

    private StoreOptions() {}

    /** {@link #NAMES} and {@code more}. */
    static Set<String> with(String... more) {
        Set<String> all = new HashSet<>(NAMES);
        all.addAll(Set.of(more));
        return all;
    }

    static StoreSettings settings(Args args) throws UsageException {
        StoreSettings.Kind kind = RetrainCommand.parse(() -> StoreSettings.Kind.parse(args.get("store", "embedded")));
        String redisUrl = args.get("redis-url", "redis://localhost:6379");
        String prefix = args.get("redis-prefix", "chatbot");
        return RetrainCommand.parse(
                () -> TranscriptLogs.settings(kind, Path.of(args.get("data-dir", "var")), redisUrl, prefix));
    }

    /**
     * The end of a period: a date means the end of that day ({@code --until 2025-01-31} includes January 31st, UTC),
     * an instant is taken as it is (excluded).
     */
    static Instant until(String value) throws UsageException {
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value)
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("option --until needs a date like 2025-01-31 or an instant like "
                    + "2025-01-31T12:00:00Z, got '" + value + "'");
        }
    }
}
