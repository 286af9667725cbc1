package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link SqliteStoreCrashTest}: 8 threads append events to the embedded store (default durability,
 * so their appends share commits) over 48 conversations, some appends carrying two events, and print
 * {@code ACK <conversation> <seq> <text>} for every event once its append returned. Usage:
 * {@code CrashAppender <dataDir> <events>}.
 */
public final class CrashAppender {

    private static final int THREADS = 8;
    private static final int CONVERSATIONS_PER_THREAD = 6;

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        AtomicInteger n = new AtomicInteger();
        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(SqliteSettings.defaults(dataDir))) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread writer = new Thread(() -> {
                    long[] last = new long[CONVERSATIONS_PER_THREAD];
                    for (int append = 0; n.get() < total; append++) {
                        int c = append % CONVERSATIONS_PER_THREAD;
                        ConversationId id = ConversationId.of("conv" + (thread * CONVERSATIONS_PER_THREAD + c));
                        List<TranscriptEvent> events = new ArrayList<>();
                        if (last[c] == 0) {
                            events.add(new TranscriptEvent.ConversationStarted(Instant.now(), "crash-test", "en"));
                        }
                        int messages = append % 5 == 0 ? 2 : 1;
                        for (int i = 0; i < messages; i++) {
                            int k = n.incrementAndGet();
                            events.add(new TranscriptEvent.MessageReceived(
                                    Instant.now(), MessageId.of("m" + k), "event " + k, List.of(), "crash"));
                        }
                        List<StoredEvent> stored = store.append(id, last[c], events);
                        last[c] += events.size();
                        synchronized (out) {
                            for (StoredEvent e : stored) {
                                out.println("ACK " + id + " " + e.sequence() + " " + text(e.event()));
                            }
                            out.flush();
                        }
                    }
                });
                writer.start();
                threads.add(writer);
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        out.println("DONE");
        out.flush();
    }

    private static String text(TranscriptEvent event) {
        return event instanceof TranscriptEvent.MessageReceived m ? m.text().replace(' ', '_') : event.type();
    }
}
