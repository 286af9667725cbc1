package dev.chatbot.bench;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.json.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one stored event (what every instance does for every live event on Redis, and every store read):
 * {@code streamed} is the line as {@link EventJson#write} writes it, read in one pass; {@code general} is the same
 * event with its envelope fields in another order, which takes the tree path (the only path before). Run:
 * {@code scripts/bench.sh events}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class EventJsonBenchmark {

    private final EventJson json = new EventJson();
    private final String customerMessage;
    private final String botAnswer;
    private final String customerMessageReordered;
    private final String botAnswerReordered;

    public EventJsonBenchmark() {
        Instant at = Instant.parse("2026-11-28T10:15:30.123Z");
        ConversationId id = ConversationId.of("3f6c1e2a9b7d4c10a2b4c6d8e0f1a3b5");
        MessageId message = MessageId.of("m-7a1c9e");
        IntentName intent = IntentName.of("track_order");
        customerMessage = json.write(new StoredEvent(
                id,
                4,
                new TranscriptEvent.MessageReceived(
                        at,
                        message,
                        "Where is my parcel? I ordered it last Tuesday and it still has not arrived",
                        List.of(
                                new ScoredIntent(intent, 0.91),
                                new ScoredIntent(IntentName.of("delivery_times"), 0.05),
                                new ScoredIntent(IntentName.of("returns"), 0.02)),
                        "20261128-101010")));
        botAnswer = json.write(new StoredEvent(
                id,
                5,
                new TranscriptEvent.BotAnswered(
                        at,
                        message,
                        intent,
                        0.91,
                        "You can follow your parcel with the tracking link in your shipping e-mail.",
                        List.of("Change delivery address", "Talk to a person"))));
        customerMessageReordered = reorder(customerMessage);
        botAnswerReordered = reorder(botAnswer);
    }

    /** The same line with {@code type} before {@code v}: not the form the one-pass reader takes. */
    private static String reorder(String line) {
        String type = line.substring(line.indexOf(",\"type\":") + 1, line.indexOf(",\"conversationId\""));
        return "{" + type + ",\"v\":1," + line.substring(line.indexOf(",\"conversationId\"") + 1);
    }

    @Benchmark
    public Object streamed() {
        return new Object[] {json.read(customerMessage), json.read(botAnswer)};
    }

    @Benchmark
    public Object general() {
        return new Object[] {json.read(customerMessageReordered), json.read(botAnswerReordered)};
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {EventJsonBenchmark.class.getSimpleName()});
    }
}
