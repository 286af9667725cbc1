package dev.chatbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retention}, {@code erase} and {@code export} on an embedded data directory, as a user runs them. */
class DataLifecycleCommandsTest {

    @TempDir
    Path dataDir;

    private final Instant now = Instant.now();

    @BeforeEach
    void twoConversations() {
        try (Stores stores =
                Stores.open(new StoreSettings(StoreSettings.Kind.EMBEDDED, new SqliteSettings(dataDir, false), null))) {
            stores.channels().remember(ConversationId.of("generic-a-0"), new ChannelAddress("generic", "user-1"));
            append(stores, "generic-a-0", "generic", now.minus(Duration.ofDays(40)), "an old question");
            append(stores, "web-b", "web", now.minus(Duration.ofDays(2)), "a recent question");
        }
    }

    private static void append(Stores stores, String id, String channel, Instant at, String text) {
        stores.transcripts()
                .append(
                        ConversationId.of(id),
                        0,
                        List.of(
                                new TranscriptEvent.ConversationStarted(at, channel, "en"),
                                new TranscriptEvent.MessageReceived(at, MessageId.of("m1"), text, List.of(), "v1")));
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void retentionSaysWhatItWouldDeleteAndThenDeletesIt() {
        Result dry = run("retention", "--dry-run", "--days", "30", "--data-dir", dataDir.toString());
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("1 conversations last active before", "would be deleted");

        Result real = run("retention", "--days", "30", "--data-dir", dataDir.toString());
        assertThat(real.exit()).as(real.err()).isZero();
        assertThat(real.out()).contains("deleted 1 conversations (2 events, 1 channel records)");
        assertThat(run("retention", "--days", "30", "--data-dir", dataDir.toString())
                        .out())
                .contains("deleted 0 conversations");
    }

    @Test
    void exportsACustomerAndAPeriodThenErasesTheCustomer() throws Exception {
        Result customer = run("export", "--customer", "generic:user-1", "--data-dir", dataDir.toString());
        assertThat(customer.exit()).as(customer.err()).isZero();
        assertThat(customer.out())
                .contains("\"userId\" : \"user-1\"", "an old question")
                .doesNotContain("recent");

        Path csv = dataDir.resolve("period.csv");
        Result period = run(
                "export",
                "--since",
                now.minus(Duration.ofDays(5)).toString().substring(0, 10),
                "--format",
                "csv",
                "--out",
                csv.toString(),
                "--data-dir",
                dataDir.toString());
        assertThat(period.exit()).as(period.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(2).first().asString().startsWith("conversationId,channel,started");
        assertThat(Files.readString(csv)).contains("web-b").doesNotContain("generic-a-0");

        Result erase = run("erase", "--customer", "generic:user-1", "--by", "dpo", "--data-dir", dataDir.toString());
        assertThat(erase.exit()).as(erase.err()).isZero();
        assertThat(erase.out()).contains("erased 1 conversation (2 events, 1 channel records)");
        assertThat(run("export", "--customer", "generic:user-1", "--data-dir", dataDir.toString())
                        .out())
                .contains("\"conversations\" : [ ]");
    }

    @Test
    void badArgumentsSayWhatIsWrongAndExitTwo() {
        assertThat(run("erase", "--data-dir", dataDir.toString()).err()).contains("--conversation <id> or --customer");
        assertThat(run("erase", "--customer", "nocolon").exit()).isEqualTo(2);
        assertThat(run("export", "--since", "2026-01-01", "--data-dir", dataDir.toString())
                        .err())
                .contains("--format csv or --format jsonl");
        assertThat(run("retention", "--days", "-3").exit()).isEqualTo(2);
    }
}
