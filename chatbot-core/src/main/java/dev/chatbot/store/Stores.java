package dev.chatbot.store;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.redis.RedisChannelStore;
import dev.chatbot.channel.sqlite.ChannelFilesImport;
import dev.chatbot.channel.sqlite.SqliteChannelStore;
import dev.chatbot.files.PrivateFiles;
import dev.chatbot.transcript.ConversationData;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisTranscriptStore;
import dev.chatbot.transcript.sqlite.JsonLinesImport;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stores of one process, opened together on one backend: the embedded database (one SQLite file) or one Redis
 * connection set-up. Every adapter of the process uses the same backend, so closing this closes them all.
 *
 * <p>A server {@linkplain #open opens} them for itself: with the embedded database it holds
 * {@code <dataDir>/server.lock}, so a second server on the same directory is refused (a command runs beside it with
 * {@link #openBeside}), and a data directory written before the database is imported first.
 */
public final class Stores implements AutoCloseable {

    /** Held by the server using an embedded data directory. */
    static final String SERVER_LOCK = "server.lock";

    private final StoreSettings settings;
    private final SqliteDatabase database;
    private final RedisConnections redis;
    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Stores(
            StoreSettings settings,
            SqliteDatabase database,
            RedisConnections redis,
            FileChannel lockChannel,
            FileLock lock) {
        this.settings = settings;
        this.database = database;
        this.redis = redis;
        this.lockChannel = lockChannel;
        this.lock = lock;
        if (database != null) {
            this.transcripts = SqliteTranscriptStore.on(database);
            this.channels = new SqliteChannelStore(database);
        } else {
            this.transcripts = RedisTranscriptStore.on(redis);
            this.channels = new RedisChannelStore(redis);
        }
    }

    /**
     * Opens the stores for a server.
     *
     * @throws TranscriptStoreException if the backend cannot be opened or reached, or another server holds the
     *         embedded data directory
     */
    public static Stores open(StoreSettings settings) {
        return open(settings, true);
    }

    /** Opens the stores for a command that may run beside a server (no lock, no import). */
    public static Stores openBeside(StoreSettings settings) {
        return open(settings, false);
    }

    private static Stores open(StoreSettings settings, boolean server) {
        Objects.requireNonNull(settings, "settings");
        if (settings.kind() == StoreSettings.Kind.REDIS) {
            return new Stores(settings, null, RedisConnections.connect(settings.redis()), null, null);
        }
        SqliteDatabase database = SqliteDatabase.open(settings.embedded());
        FileChannel channel = null;
        FileLock lock = null;
        try {
            if (server) {
                Path file = settings.embedded().dataDir().resolve(SERVER_LOCK);
                channel = PrivateFiles.open(file, StandardOpenOption.CREATE); // 0600, like everything in the data dir
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new TranscriptStoreException(settings.embedded().dataDir() + " is in use by another server ("
                            + SERVER_LOCK + " is held)");
                }
                JsonLinesImport.importOnce(database, settings.embedded().dataDir());
                ChannelFilesImport.importOnce(database, settings.embedded().dataDir());
            }
            return new Stores(settings, database, null, channel, lock);
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing after a failure
            }
            database.close();
            if (e instanceof TranscriptStoreException t) {
                throw t;
            }
            throw new TranscriptStoreException(
                    "cannot open the stores in " + settings.embedded().dataDir() + ": " + e.getMessage(), e);
        }
    }

    public StoreSettings settings() {
        return settings;
    }

    public TranscriptStore transcripts() {
        return transcripts;
    }

    public ChannelStore channels() {
        return channels;
    }

    /**
     * Every holder of per-conversation data besides the transcripts, for retention, erasure and access requests. A new
     * kind of per-conversation data is added here.
     */
    public List<ConversationData> conversationData() {
        return List.of(channels);
    }

    /**
     * Clears what the backend keeps of deleted data outside its tables: the embedded database's write-ahead log is
     * checkpointed and truncated (the deleted rows are already overwritten in the file). Redis keeps nothing readable
     * of deleted keys in memory; its append-only file holds them until Redis rewrites it. Run after erasing.
     */
    public void scrub() {
        if (database != null) {
            database.truncateLog();
        }
    }

    /** The embedded database, for adapters outside the core (console accounts); empty with Redis. */
    public Optional<SqliteDatabase> database() {
        return Optional.ofNullable(database);
    }

    /** The Redis connections, for adapters outside the core (console accounts); empty with the embedded database. */
    public Optional<RedisConnections> redis() {
        return Optional.ofNullable(redis);
    }

    @Override
    public void close() {
        transcripts.close();
        channels.close();
        if (database != null) {
            database.close();
        }
        if (redis != null) {
            redis.close();
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
