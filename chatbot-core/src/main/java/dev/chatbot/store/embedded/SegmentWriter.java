package dev.chatbot.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends lines to the active segment file, forcing them to disk when asked; rolls to a new segment by size. */
final class SegmentWriter implements AutoCloseable {

    private final Path dir;
    private final EmbeddedStoreSettings settings;
    private int index;
    private FileChannel channel;

    SegmentWriter(Path dir, int index, EmbeddedStoreSettings settings) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.index = index;
        open();
    }

    private void open() throws IOException {
        Path file = SegmentFiles.name(dir, index);
        boolean created = !file.toFile().exists();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (created && settings.fsync()) {
            forceDirectory();
        }
    }

    /** Writes one line (a newline is added) and returns once it is flushed, and fsynced if configured. */
    void append(String line) throws IOException {
        if (channel.size() >= settings.segmentBytes()) {
            channel.close();
            index++;
            open();
        }
        long before = channel.size();
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (settings.fsync()) {
                channel.force(false);
            }
        } catch (IOException e) {
            channel.truncate(before); // best effort: do not leave half a line before the next append
            throw e;
        }
    }

    /** Makes a newly created file's directory entry durable (fsync on the directory; a no-op where unsupported). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on every platform; the data itself is still forced on each append
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
