package dev.chatbot.transcript.sqlite;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The data directory and the database file, readable by the service's user only: they hold customers' data. */
final class PrivateDataDir {

    private PrivateDataDir() {
    }

    /** The data directory 0700 and the database file 0600 (where the file system has POSIX permissions). */
    static Path create(SqliteSettings settings) throws IOException {
        Path dir = settings.dataDir();
        Path file = settings.file();
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            return file;
        }
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
        }
        Files.setPosixFilePermissions(dir, owner); // the data of customers: no one else reads it
        Set<PosixFilePermission> ownerFile = PosixFilePermissions.fromString("rw-------");
        if (!Files.exists(file)) {
            // SQLite creates its -wal and -shm files with the permissions of the database file
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerFile));
        } else {
            Files.setPosixFilePermissions(file, ownerFile);
        }
        return file;
    }
}
