package dev.chatbot.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates directories and files for secrets and personal data (keys, accounts, addresses, transcripts) readable by
 * the owner only: directories {@code 0700}, files {@code 0600}, set atomically at creation (no moment in which
 * another user could open them), and tightened when they already exist with wider permissions. On file systems
 * without POSIX permissions nothing is changed. Stateless and thread-safe.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents as {@code 0700}; an existing {@code dir} is tightened to it. */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            restrict(absolute, DIRECTORY);
            return dir;
        }
        if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
            directory(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, attributes(DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            restrict(absolute, DIRECTORY);
        }
        return dir;
    }

    /**
     * Opens {@code file} for writing with {@code options} ({@link StandardOpenOption#WRITE} is added); a file this
     * call creates is {@code 0600} from the start, an existing one is tightened to it.
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> all = new java.util.HashSet<>(Set.of(options));
        all.add(StandardOpenOption.WRITE);
        FileChannel channel = FileChannel.open(file, all, attributes(FILE));
        restrict(file, FILE);
        return channel;
    }

    /** Writes {@code content} to a new file {@code file} ({@code 0600}); fails if it exists. */
    public static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel out = open(file, StandardOpenOption.CREATE_NEW)) {
            out.write(java.nio.ByteBuffer.wrap(content));
            out.force(true);
        }
    }

    /** Tightens an existing file or directory to {@code permissions}, if the file system has POSIX permissions. */
    public static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
