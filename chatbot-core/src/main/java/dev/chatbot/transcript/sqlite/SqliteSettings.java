package dev.chatbot.transcript.sqlite;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded database.
 *
 * @param dataDir the directory holding the database file {@value #FILE_NAME} (default {@code var}); created with
 *                mode 0700, the file with 0600
 * @param fsync acknowledge a write only once SQLite has forced it to the disk (default true: {@code synchronous=FULL}
 *              in WAL mode); false ({@code synchronous=NORMAL}) survives a killed process but not a power cut
 */
public record SqliteSettings(Path dataDir, boolean fsync) {

    /** The database file in the data directory. */
    public static final String FILE_NAME = "chatbot.db";

    public SqliteSettings {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    public static SqliteSettings defaults(Path dataDir) {
        return new SqliteSettings(dataDir, true);
    }

    /** The database file. */
    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }
}
