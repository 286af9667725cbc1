package dev.chatbot.transcript.sqlite;

import dev.chatbot.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data directory and the database file, readable by the service's user only: they hold customers' data. */
final class PrivateDataDir {

    private PrivateDataDir() {}

    /**
     * The data directory {@code 0700} and the database file {@code 0600} (where the file system has POSIX
     * permissions); SQLite creates its {@code -wal} and {@code -shm} files with the database file's permissions, and
     * ones left by older versions are tightened too.
     */
    static Path create(SqliteSettings settings) throws IOException {
        PrivateFiles.directory(settings.dataDir());
        Path file = settings.file();
        if (!Files.exists(file)) {
            PrivateFiles.writeNew(file, new byte[0]);
        }
        for (Path f : new Path[] {
            file, file.resolveSibling(file.getFileName() + "-wal"), file.resolveSibling(file.getFileName() + "-shm")
        }) {
            if (Files.exists(f)) {
                PrivateFiles.restrict(f, PrivateFiles.FILE);
            }
        }
        return file;
    }
}
