package dev.chatbot.store.embedded;

import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Naming, listing and crash-tolerant reading of segment files ({@code segment-000001.jsonl}, ...). */
final class SegmentFiles {

    private static final Logger log = LoggerFactory.getLogger(SegmentFiles.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";

    private SegmentFiles() {
    }

    static Path name(Path dir, int index) {
        return dir.resolve(String.format("%s%06d%s", PREFIX, index, SUFFIX));
    }

    static int index(Path segment) {
        String n = segment.getFileName().toString();
        return Integer.parseInt(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    /** The segment files of a directory in order. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{6}" + SUFFIX.replace(".", "\\.")))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Reads a segment's batches (one JSON array per line). Bytes after the last newline, and a last line that
     * does not parse, are a torn write from a crash: with {@code repair} the file is truncated before them,
     * otherwise they are an error. A bad line before the last is corruption and always an error.
     */
    static List<List<StoredEvent>> read(Path segment, EventJson json, boolean repair) throws IOException {
        return read(segment, json, repair, false);
    }

    /**
     * Reads the complete batches of a segment another process may be writing: a torn or half-written last line
     * is left alone and not returned.
     */
    static List<List<StoredEvent>> readComplete(Path segment, EventJson json) throws IOException {
        return read(segment, json, false, true);
    }

    private static List<List<StoredEvent>> read(Path segment, EventJson json, boolean repair, boolean live)
            throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        List<List<StoredEvent>> batches = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        long validEnd = 0;
        while (start < bytes.length) {
            int nl = indexOf(bytes, (byte) '\n', start);
            lineNo++;
            if (nl < 0) {
                break; // torn tail without newline
            }
            String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
            try {
                if (!line.isBlank()) {
                    batches.add(json.readBatch(line));
                }
                validEnd = nl + 1;
            } catch (IllegalArgumentException e) {
                if (nl + 1 < bytes.length) {
                    throw new TranscriptStoreException(segment + ":" + lineNo + ": corrupt transcript line: "
                            + e.getMessage());
                }
                break; // unreadable last line: torn
            }
            start = nl + 1;
        }
        if (validEnd < bytes.length && !live) {
            if (!repair) {
                throw new TranscriptStoreException(segment + ":" + lineNo + ": torn line in a sealed segment");
            }
            log.warn("{}: dropping {} bytes of a torn last line (a write interrupted by a crash, never acknowledged)",
                    segment, bytes.length - validEnd);
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                ch.truncate(validEnd);
                ch.force(true);
            }
        }
        return batches;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
