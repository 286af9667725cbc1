package dev.chatbot.store.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded store.
 *
 * @param dataDir the directory holding the store (default {@code var}); transcripts go to
 *                {@code <dataDir>/transcripts/}
 * @param fsync force every append to the disk before acknowledging it (default true); false only flushes
 *              to the operating system, which survives a killed process but not a power cut
 * @param segmentBytes size after which a new segment file is started (default 64 MiB)
 */
public record EmbeddedStoreSettings(Path dataDir, boolean fsync, long segmentBytes) {

    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

    public EmbeddedStoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("segmentBytes must be at least 1024: " + segmentBytes);
        }
    }

    public static EmbeddedStoreSettings defaults(Path dataDir) {
        return new EmbeddedStoreSettings(dataDir, true, DEFAULT_SEGMENT_BYTES);
    }
}
