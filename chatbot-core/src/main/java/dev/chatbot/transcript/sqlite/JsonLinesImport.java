package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the transcripts of a data directory written before the database ({@code transcripts/segment-*.jsonl}, one
 * JSON array of events per line) into it, once: every log is checked by replaying it and written in one transaction,
 * conversations already in the database are skipped (an import cut short is simply run again), and the directory is
 * then renamed {@code transcripts.imported}, kept as it was. A torn last line (a write a crash cut short, never
 * acknowledged) is skipped; any other unreadable line stops the start with its file and line.
 */
public final class JsonLinesImport {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesImport.class);
    static final String DIRECTORY = "transcripts";
    static final String IMPORTED = "transcripts.imported";

    private JsonLinesImport() {}

    /**
     * Imports {@code <dataDir>/transcripts} if it holds segment files.
     *
     * @return how many conversations were imported (0 when there was nothing to import)
     * @throws TranscriptStoreException naming the file and line of a corrupt segment (nothing is imported then)
     */
    public static int importOnce(SqliteDatabase db, Path dataDir) {
        Path dir = dataDir.resolve(DIRECTORY);
        List<Path> segments = segments(dir);
        if (segments.isEmpty()) {
            return 0;
        }
        EventJson json = new EventJson();
        Map<ConversationId, List<StoredEvent>> logs = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            read(segments.get(i), json, i == segments.size() - 1, logs);
        }
        int imported = db.write(s -> {
            int n = 0;
            PreparedStatement exists = s.prepare("SELECT 1 FROM conversation WHERE id = ?");
            for (Map.Entry<ConversationId, List<StoredEvent>> e : logs.entrySet()) {
                exists.setString(1, e.getKey().value());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                List<StoredEvent> events = e.getValue();
                SessionState after = SessionState.replay(e.getKey(), events); // the log's rules hold
                ConversationRows.insert(
                        s,
                        SessionState.empty(e.getKey()),
                        after,
                        events,
                        events.stream().map(json::write).toList());
                n++;
            }
            return n;
        });
        Path target = dataDir.resolve(IMPORTED);
        for (int i = 2; Files.exists(target); i++) {
            target = dataDir.resolve(IMPORTED + "." + i);
        }
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new TranscriptStoreException("imported " + dir + " but cannot rename it to " + target, e);
        }
        log.info(
                "Imported {} conversations ({} events) from {} into {}; the old files are kept in {}",
                imported,
                logs.values().stream().mapToInt(List::size).sum(),
                dir,
                db.file(),
                target);
        return imported;
    }

    private static List<Path> segments(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("segment-\\d{6}\\.jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot list " + dir, e);
        }
    }

    private static void read(Path segment, EventJson json, boolean last, Map<ConversationId, List<StoredEvent>> logs) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
            boolean endsWithNewline = Files.size(segment) == 0 || endsWithNewline(segment);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                boolean tornTail = last && i == lines.size() - 1;
                if (tornTail && !endsWithNewline) {
                    log.warn(
                            "{}:{}: skipping a torn last line (a write cut short by a crash, never acknowledged)",
                            segment,
                            i + 1);
                    continue;
                }
                try {
                    for (StoredEvent e : json.readBatch(line)) {
                        logs.computeIfAbsent(e.conversationId(), k -> new ArrayList<>())
                                .add(e);
                    }
                } catch (IllegalArgumentException e) {
                    if (tornTail) {
                        log.warn(
                                "{}:{}: skipping an unreadable last line (a write cut short by a crash)",
                                segment,
                                i + 1);
                        continue;
                    }
                    throw new TranscriptStoreException(
                            segment + ":" + (i + 1) + ": corrupt transcript line: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot read " + segment, e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }
}
