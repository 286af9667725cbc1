package dev.chatbot.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to the active segment file and rolls to a new segment by size. Writing and forcing to disk are
 * separate steps so that appends can share an fsync (group commit): {@link #write} runs under the store's lock
 * and only hands the line to the operating system; {@link #awaitDurable} runs outside it, and one fsync there
 * covers every line written before it started, so threads that arrive while an fsync is in flight are served
 * by the next single one instead of one each.
 *
 * <p>{@link #write} and {@link #close} must be called under one lock (the store's); {@link #awaitDurable} from
 * any thread. An fsync that fails is not retried: the writer refuses every later call (the kernel may already
 * have dropped the unwritten pages, so a retry that succeeds would prove nothing) and the store must be reopened.
 */
final class SegmentWriter implements AutoCloseable {

    private final Path dir;
    private final EmbeddedStoreSettings settings;
    /** Held while forcing, and by a roll (under the store's lock): a roll never closes a channel being forced. */
    private final Object syncLock = new Object();
    private int index;
    private volatile FileChannel channel;
    /** Bytes in the active segment; under the store's lock. */
    private long size;
    /** Bytes written by this writer over all segments; written under the store's lock, read by any fsync leader. */
    private volatile long written;
    /** Bytes known to be on disk; under {@link #syncLock}. */
    private long durable;
    private volatile IOException failed;
    /** Forces a segment to disk; replaced in tests to simulate a failing disk. */
    private final Force force;

    /** How a segment is forced to disk. */
    interface Force {
        void force(FileChannel channel) throws IOException;
    }

    SegmentWriter(Path dir, int index, EmbeddedStoreSettings settings) throws IOException {
        this(dir, index, settings, channel -> channel.force(false));
    }

    SegmentWriter(Path dir, int index, EmbeddedStoreSettings settings, Force force) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.index = index;
        this.force = force;
        open();
    }

    private void open() throws IOException {
        Path file = SegmentFiles.name(dir, index);
        boolean created = !file.toFile().exists();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        if (created && settings.fsync()) {
            forceDirectory();
        }
    }

    /**
     * Writes one line (a newline is added) to the operating system, not yet to disk. Call under the store's lock.
     *
     * @return the position to pass to {@link #awaitDurable} before acknowledging the line
     */
    long write(String line) throws IOException {
        refuseIfFailed();
        if (size >= settings.segmentBytes()) {
            roll();
        }
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        int length = buffer.remaining();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            channel.truncate(size); // best effort: do not leave half a line before the next append
            throw e;
        }
        size += length;
        written += length; // single writer (the store's lock); volatile so an fsync leader sees it
        return written;
    }

    /**
     * Returns once every line up to {@code position} is on disk (at once when fsync is off: the lines are already
     * with the operating system, which survives a killed process).
     *
     * @throws IOException if the fsync failed, now or earlier
     */
    void awaitDurable(long position) throws IOException {
        if (!settings.fsync()) {
            return;
        }
        synchronized (syncLock) {
            refuseIfFailed();
            if (durable >= position) {
                return; // another thread's fsync, started after this line was written, covered it
            }
            long upTo = written; // everything written so far is in the file, and the force below covers it
            forceOrFail();
            durable = Math.max(durable, upTo);
        }
    }

    /** Under {@link #syncLock}: forces the active segment; a failure is remembered and refuses every later call. */
    private void forceOrFail() throws IOException {
        try {
            force.force(channel);
        } catch (IOException e) {
            failed = e;
            throw e;
        }
    }

    /** Whether an fsync has failed (the store can no longer acknowledge appends). */
    boolean failed() {
        return failed != null;
    }

    private void refuseIfFailed() throws IOException {
        IOException e = failed;
        if (e != null) {
            throw new IOException("an earlier fsync of the transcript failed (" + e.getMessage()
                    + "); restart the server to recover from the files", e);
        }
    }

    /** Under the store's lock: forces and closes the full segment and opens the next. */
    private void roll() throws IOException {
        synchronized (syncLock) {
            if (settings.fsync()) {
                forceOrFail();
                durable = written;
            }
            channel.close();
            index++;
            open();
        }
    }

    /** Makes a newly created file's directory entry durable (fsync on the directory; a no-op where unsupported). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on every platform; the data itself is still forced before it is acknowledged
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (syncLock) {
            channel.close();
        }
    }
}
