package dev.chatbot.store.embedded;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.LiveEventDispatcher;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embedded adapter: JSON-lines segment files (one atomic batch per line) plus an in-memory index rebuilt on open.
 * An append returns (is acknowledged) once its line is on disk; appends share fsyncs (group commit, see
 * {@link SegmentWriter}), and live listeners see a batch only once it is on disk. Reads may see a batch a moment
 * before its fsync completes; a crash in that moment loses only what was never acknowledged.
 */
public final class EmbeddedTranscriptStore implements TranscriptStore {

    private final EventJson json = new EventJson();
    private final Map<ConversationId, List<StoredEvent>> logs = new LinkedHashMap<>();
    private final Map<ConversationId, SessionState> sessions = new HashMap<>();
    private final Map<ConversationId, QueueEntry> queued = new HashMap<>();
    /** Written batches whose fsync is still in flight, in file order; under this. */
    private final ArrayDeque<Written> undispatched = new ArrayDeque<>();
    private final LiveEventDispatcher live = new LiveEventDispatcher("embedded-store-events");
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SegmentWriter writer;
    private volatile boolean closed; // volatile: reachable() reads it without the lock

    private EmbeddedTranscriptStore(EmbeddedStoreSettings settings) throws IOException {
        Path dir = settings.dataDir().resolve("transcripts");
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new TranscriptStoreException(dir + " is in use by another store (LOCK is held)");
        }
        lock = acquired;
        List<Path> segments = SegmentFiles.list(dir);
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            for (List<StoredEvent> batch : SegmentFiles.read(segments.get(i), json, last)) {
                apply(batch);
            }
        }
        int index = segments.isEmpty() ? 1 : SegmentFiles.index(segments.get(segments.size() - 1));
        writer = new SegmentWriter(dir, index, settings);
    }

    /**
     * Opens (creating if needed) the store under {@code settings.dataDir()} and rebuilds its state from the
     * files, repairing a torn last line left by a crash.
     *
     * @throws TranscriptStoreException if the directory is locked by another store or a file is corrupt
     */
    public static EmbeddedTranscriptStore open(EmbeddedStoreSettings settings) {
        try {
            return new EmbeddedTranscriptStore(settings);
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot open the embedded store in " + settings.dataDir(), e);
        }
    }

    /**
     * Reads every conversation's log without opening the store, for offline work (retraining, reports) while a
     * server holds the store: takes no lock, writes nothing, and skips a batch still being written.
     *
     * @return the logs, in the order their conversations were started
     */
    public static List<List<StoredEvent>> readLogs(EmbeddedStoreSettings settings) {
        Path dir = settings.dataDir().resolve("transcripts");
        Map<ConversationId, List<StoredEvent>> logs = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try {
            EventJson json = new EventJson();
            for (Path segment : SegmentFiles.list(dir)) {
                for (List<StoredEvent> batch : SegmentFiles.readComplete(segment, json)) {
                    for (StoredEvent e : batch) {
                        logs.computeIfAbsent(e.conversationId(), k -> new ArrayList<>()).add(e);
                    }
                }
            }
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot read the embedded store in " + settings.dataDir(), e);
        }
        return List.copyOf(logs.values());
    }

    @Override
    public List<StoredEvent> append(ConversationId id, long expectedLastSequence, List<TranscriptEvent> events) {
        Objects.requireNonNull(id, "conversationId");
        if (events.isEmpty() || expectedLastSequence < 0) {
            throw new IllegalArgumentException("append needs events and a non-negative expected sequence");
        }
        List<StoredEvent> stored;
        long position;
        synchronized (this) {
            ensureOpen();
            SessionState session = sessions.getOrDefault(id, SessionState.empty(id));
            if (session.lastSequence() != expectedLastSequence) {
                throw new ConcurrentAppendException(id, expectedLastSequence, session.lastSequence());
            }
            stored = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                stored.add(new StoredEvent(id, expectedLastSequence + 1 + i, events.get(i)));
            }
            session.applyAll(stored); // validates the state machine before anything is written
            try {
                position = writer.write(json.writeBatch(stored));
            } catch (IOException e) {
                throw new TranscriptStoreException("cannot append to the transcript of " + id, e);
            }
            apply(stored);
            undispatched.add(new Written(position, stored));
        }
        // outside the lock, so that appends arriving during an fsync share the next one (group commit)
        try {
            writer.awaitDurable(position);
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot force the transcript of " + id + " to disk", e);
        }
        dispatchDurable(position);
        return List.copyOf(stored);
    }

    /** Hands batches on disk up to {@code durable} to live listeners, in the order they were written. */
    private synchronized void dispatchDurable(long durable) {
        while (!undispatched.isEmpty() && undispatched.peek().position() <= durable) {
            live.dispatch(undispatched.poll().events());
        }
    }

    /** A batch written to the file, waiting for its fsync before live listeners see it. */
    private record Written(long position, List<StoredEvent> events) {
    }

    private void apply(List<StoredEvent> batch) {
        for (StoredEvent e : batch) {
            ConversationId id = e.conversationId();
            SessionState next = sessions.getOrDefault(id, SessionState.empty(id)).apply(e);
            sessions.put(id, next);
            logs.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            QueueEntry.of(next).ifPresentOrElse(q -> queued.put(id, q), () -> queued.remove(id));
        }
    }

    @Override
    public synchronized List<StoredEvent> read(ConversationId id, long afterSequence) {
        ensureOpen();
        List<StoredEvent> log = logs.getOrDefault(Objects.requireNonNull(id, "conversationId"), List.of());
        int from = (int) Math.min(Math.max(afterSequence, 0), log.size()); // sequence n sits at index n - 1
        return List.copyOf(log.subList(from, log.size()));
    }

    @Override
    public synchronized SessionState session(ConversationId id) {
        ensureOpen();
        return sessions.getOrDefault(Objects.requireNonNull(id, "conversationId"), SessionState.empty(id));
    }

    @Override
    public synchronized List<QueueEntry> queue(int limit) {
        ensureOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return queued.values().stream()
                .sorted(Comparator.comparing(QueueEntry::waitingSince)
                        .thenComparing(q -> q.conversationId().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ConversationId> conversations() {
        ensureOpen();
        return List.copyOf(logs.keySet());
    }

    @Override
    public Subscription subscribe(ConversationId id, EventListener listener) {
        return live.register(Objects.requireNonNull(id, "conversationId"), listener);
    }

    @Override
    public Subscription subscribeAll(EventListener listener) {
        return live.register(null, listener);
    }

    @Override
    public boolean reachable() {
        return !closed && !writer.failed();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.close();
        try {
            writer.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new TranscriptStoreException("cannot close the embedded store", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }
}
