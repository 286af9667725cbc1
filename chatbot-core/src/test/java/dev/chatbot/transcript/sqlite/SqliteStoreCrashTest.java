package dev.chatbot.transcript.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteStoreCrashTest {

    private static final int EVENTS = 10_000;
    private static final int KILL_AFTER_ACKS = 2_000;

    @TempDir
    Path dir;

    @Test
    void keepsEveryAcknowledgedEventAndAReadableLogAfterTheWriterIsKilled() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        javaBin.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashAppender.class.getName(),
                        dir.toString(),
                        Integer.toString(EVENTS))
                .redirectError(dir.resolve("child-stderr.log").toFile())
                .start();
        List<String> acks = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> acks.size() >= KILL_AFTER_ACKS || !child.isAlive());
        int acksAtKill = acks.size();
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(acks.size())
                .as("acknowledged before the kill")
                .isGreaterThanOrEqualTo(KILL_AFTER_ACKS)
                .isLessThan(EVENTS);

        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(SqliteSettings.defaults(dir))) {
            for (String ack : acks) {
                String[] parts = ack.split(" ");
                ConversationId id = ConversationId.of(parts[1]);
                long seq = Long.parseLong(parts[2]);
                List<StoredEvent> at = store.read(id, seq - 1);
                assertThat(at).as(ack).isNotEmpty();
                assertThat(at.get(0).sequence()).isEqualTo(seq);
                TranscriptEvent event = at.get(0).event();
                String text = event instanceof TranscriptEvent.MessageReceived m
                        ? m.text().replace(' ', '_')
                        : event.type();
                assertThat(text).as(ack).isEqualTo(parts[3]);
            }
            long recovered = 0;
            for (ConversationId id : store.conversations()) {
                List<StoredEvent> log = store.read(id, 0);
                SessionState.replay(id, log); // the whole log folds: sequences without gaps, valid state machine
                recovered += log.size();
            }
            System.out.printf(
                    "crash test: %d events acknowledged when SIGKILL was sent, %d acknowledged in total, "
                            + "%d recovered after restart%n",
                    acksAtKill, acks.size(), recovered);
            assertThat(recovered).isGreaterThanOrEqualTo(acks.size());
            ConversationId first = ConversationId.of("conv0");
            long last = store.session(first).lastSequence();
            store.append(first, last, List.of(new TranscriptEvent.NoticeSent(java.time.Instant.now(), null, "alive")));
        }
    }
}
