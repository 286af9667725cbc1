package dev.chatbot.store.embedded;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link EmbeddedStoreCrashTest}: appends events to an embedded store (default durability)
 * over 50 conversations, some appends carrying two events, and prints {@code ACK <conversation> <seq> <n>}
 * for every event once its append returned. Usage: {@code CrashAppender <dataDir> <events>}.
 */
public final class CrashAppender {

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        Map<ConversationId, Long> last = new HashMap<>();
        try (EmbeddedTranscriptStore store = EmbeddedTranscriptStore.open(EmbeddedStoreSettings.defaults(dataDir))) {
            int n = 0;
            for (int append = 0; n < total; append++) {
                ConversationId id = ConversationId.of("conv" + (append % 50));
                long seq = last.getOrDefault(id, 0L);
                List<TranscriptEvent> events = new ArrayList<>();
                if (seq == 0) {
                    events.add(new TranscriptEvent.ConversationStarted(Instant.now(), "crash-test", "en"));
                    n++;
                }
                int messages = append % 5 == 0 ? 2 : 1;
                for (int i = 0; i < messages && n < total; i++, n++) {
                    events.add(new TranscriptEvent.MessageReceived(Instant.now(), MessageId.of("m" + n), "event " + n,
                            List.of(), "crash"));
                }
                List<StoredEvent> stored = store.append(id, seq, events);
                last.put(id, seq + events.size());
                for (StoredEvent e : stored) {
                    out.println("ACK " + id + " " + e.sequence() + " " + text(e.event()));
                }
                out.flush();
            }
        }
        out.println("DONE");
        out.flush();
    }

    private static String text(TranscriptEvent event) {
        return event instanceof TranscriptEvent.MessageReceived m ? m.text().replace(' ', '_') : event.type();
    }
}
