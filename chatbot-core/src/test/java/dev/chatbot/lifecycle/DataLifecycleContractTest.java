package dev.chatbot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.Delivery;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention, erasure and export, run against every backend by a subclass that opens the stores and can show every
 * byte the backend holds (to prove erased text is gone from the storage itself, not only hidden).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DataLifecycleContractTest {

    protected static final Instant T0 = Instant.parse("2025-01-01T09:00:00Z");
    private static final Clock NOW = Clock.fixed(T0.plus(Duration.ofDays(200)), ZoneOffset.UTC);

    protected Stores stores;
    private TranscriptStore transcripts;

    /** Fresh, empty stores. */
    protected abstract Stores openStores() throws Exception;

    /** Everything the backend holds, as text: every file's bytes, or every key and value. */
    protected abstract String everythingStored() throws Exception;

    @BeforeEach
    void open() throws Exception {
        stores = openStores();
        transcripts = stores.transcripts();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** A channel conversation: started at {@code day}, a customer message with {@code text}, a bot answer, an outbox entry. */
    private ConversationId conversation(String name, ChannelAddress customer, long day, long lastDay, String text) {
        ConversationId id =
                ConversationId.of(name + "-" + UUID.randomUUID().toString().substring(0, 6));
        Instant start = T0.plus(Duration.ofDays(day));
        if (customer != null) {
            stores.channels().remember(id, customer);
        }
        transcripts.append(
                id,
                0,
                List.of(
                        new TranscriptEvent.ConversationStarted(
                                start, customer == null ? "web" : customer.channel(), "en"),
                        new TranscriptEvent.MessageReceived(
                                start,
                                MessageId.of("m1"),
                                text,
                                List.of(new ScoredIntent(IntentName.of("order_status"), 0.9)),
                                "v1"),
                        new TranscriptEvent.BotAnswered(
                                start,
                                MessageId.of("m1"),
                                IntentName.of("order_status"),
                                0.9,
                                "It is on its way.",
                                List.of())));
        Instant last = T0.plus(Duration.ofDays(lastDay));
        transcripts.append(id, 3, List.of(new TranscriptEvent.FeedbackGiven(last, true, "thanks " + text)));
        if (customer != null) {
            stores.channels()
                    .enqueue(new Delivery(
                            id.value() + ":4",
                            id.value(),
                            4,
                            customer,
                            "AgentReplied",
                            "about " + text,
                            List.of(),
                            0,
                            last,
                            last));
        }
        return id;
    }

    private static String secret() {
        return "Zebra" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void retentionDeletesWhatThePeriodExpiredWithItsChannelDataAndKeepsTheRest() {
        ChannelAddress customer = new ChannelAddress("whatsapp", "4915100000001");
        ConversationId old = conversation("old", customer, 0, 1, "old question");
        transcripts.append(
                old,
                4,
                List.of(new TranscriptEvent.Escalated(
                        T0.plus(Duration.ofDays(1)), null, EscalationReason.USER_REQUEST, null, "wait")));
        ConversationId recent = conversation("recent", customer, 150, 150, "recent question");
        ConversationId longLived = conversation("long", null, 2, 195, "long question");
        Retention retention =
                new Retention(transcripts, stores.conversationData(), RetentionSettings.defaults(), stores::scrub, NOW);

        assertThat(retention.dryRun().conversations()).isEqualTo(1);
        assertThat(transcripts.read(old, 0)).isNotEmpty();

        Retention.Report report = retention.sweep(r -> {});
        assertThat(report.conversations()).isEqualTo(1);
        assertThat(report.events()).isEqualTo(5);
        assertThat(report.otherRecords()).isEqualTo(2); // its address and its pending delivery
        assertThat(report.cutoff()).isEqualTo(NOW.instant().minus(Duration.ofDays(180)));
        assertThat(transcripts.read(old, 0)).isEmpty();
        assertThat(transcripts.session(old).exists()).isFalse();
        assertThat(transcripts.queue()).isEmpty();
        assertThat(transcripts.conversations()).containsExactlyInAnyOrder(recent, longLived);
        assertThat(stores.channels().address(old)).isEmpty();
        assertThat(stores.channels().conversationsOf(customer)).containsExactly(recent);
        assertThat(stores.channels().pending(10))
                .extracting(Delivery::conversationId)
                .containsExactly(recent.value());
        assertThat(transcripts.tombstones()).isEmpty();
        assertThat(retention.sweep(r -> {}).conversations()).isZero();
    }

    @Test
    void aRetentionPeriodOfZeroKeepsEverything() {
        ConversationId old = conversation("old", null, 0, 0, "old question");
        Retention forever =
                new Retention(transcripts, stores.conversationData(), RetentionSettings.days(0), stores::scrub, NOW);
        assertThat(forever.sweep(r -> {}).conversations()).isZero();
        assertThat(forever.dryRun().conversations()).isZero();
        assertThat(transcripts.read(old, 0)).hasSize(4);
    }

    @Test
    void erasingAConversationRemovesItsTextFromTheStorageAndLeavesOnlyATombstone() throws Exception {
        String erased = secret();
        String kept = secret();
        ChannelAddress customer = new ChannelAddress("telegram", "tg" + secret());
        ConversationId gone = conversation("gone", customer, 190, 190, erased);
        transcripts.append(
                gone,
                4,
                List.of(
                        new TranscriptEvent.Escalated(
                                T0.plus(Duration.ofDays(190)), null, EscalationReason.USER_REQUEST, null, "wait"),
                        new TranscriptEvent.Claimed(T0.plus(Duration.ofDays(190)), AgentId.of("alice")),
                        new TranscriptEvent.AgentReplied(
                                T0.plus(Duration.ofDays(190)),
                                AgentId.of("alice"),
                                MessageId.of("a1"),
                                "Hello, about " + erased)));
        ConversationId other = conversation("other", new ChannelAddress("telegram", "someone-else"), 190, 190, kept);
        assertThat(everythingStored()).contains(erased, customer.address(), kept);

        Erasure erasure = new Erasure(transcripts, stores.channels(), stores.conversationData(), stores::scrub, NOW);
        Erasure.Report report = erasure.conversation(gone, "alice");

        assertThat(report.conversations()).containsExactly(gone);
        assertThat(report.events()).isEqualTo(7);
        String stored = everythingStored();
        assertThat(stored)
                .doesNotContain(erased)
                .doesNotContain(customer.address())
                .contains(kept);
        assertThat(transcripts.read(gone, 0)).isEmpty();
        assertThat(transcripts.session(gone).exists()).isFalse();
        assertThat(transcripts.queue()).isEmpty();
        assertThat(transcripts.tombstones()).containsExactly(new Tombstone(gone, NOW.instant(), "alice"));
        assertThat(transcripts.read(other, 0)).hasSize(4);
    }

    @Test
    void erasingACustomerRemovesEveryConversationOfTheirsAndNoOneElses() throws Exception {
        String theirs = secret();
        ChannelAddress customer = new ChannelAddress("generic", "user-" + secret());
        ConversationId first = conversation("first", customer, 100, 101, theirs);
        ConversationId second = conversation("second", customer, 150, 150, theirs + " again");
        ConversationId someoneElse = conversation("else", new ChannelAddress("generic", "user-else"), 150, 150, "mine");

        Erasure.Report report = new Erasure(
                        transcripts, stores.channels(), stores.conversationData(), stores::scrub, NOW)
                .customer(customer, "cli:ops");

        assertThat(report.conversations()).containsExactlyInAnyOrder(first, second);
        assertThat(everythingStored())
                .doesNotContain(theirs)
                .doesNotContain(customer.address())
                .contains("mine");
        assertThat(transcripts.conversations()).containsExactly(someoneElse);
        assertThat(stores.channels().conversationsOf(customer)).isEmpty();
        assertThat(transcripts.tombstones())
                .extracting(Tombstone::conversationId)
                .containsExactlyInAnyOrder(first, second);
        assertThat(new Erasure(transcripts, stores.channels(), stores.conversationData(), stores::scrub, NOW)
                        .customer(customer, "cli:ops")
                        .conversations())
                .isEmpty();
    }

    @Test
    void exportsEverythingHeldAboutACustomerAsJson() throws Exception {
        ChannelAddress customer = new ChannelAddress("whatsapp", "4915100000002");
        ConversationId id = conversation("mine", customer, 190, 190, "where is my parcel");
        conversation("else", new ChannelAddress("whatsapp", "4915100000003"), 190, 190, "not theirs");
        StringWriter out = new StringWriter();
        new Exports(transcripts, stores.channels(), stores.conversationData(), NOW).customer(customer, out);

        JsonNode doc = JsonMapper.builder().build().readTree(out.toString());
        assertThat(doc.get("customer").get("userId").asString()).isEqualTo("4915100000002");
        assertThat(doc.get("conversations")).hasSize(1);
        JsonNode conversation = doc.get("conversations").get(0);
        assertThat(conversation.get("conversationId").asString()).isEqualTo(id.value());
        assertThat(conversation.get("events")).hasSize(4);
        assertThat(conversation.get("events").get(1).get("text").asString()).isEqualTo("where is my parcel");
        assertThat(conversation.get("channel").get("address").get("address").asString())
                .isEqualTo("4915100000002");
        assertThat(conversation.get("channel").get("pendingDeliveries")).hasSize(1);
        assertThat(out.toString()).doesNotContain("not theirs");
    }

    @Test
    void exportsTheConversationsStartedInAPeriodAsCsvRowsAndTheirEventsAsJsonLines() throws Exception {
        ConversationId before = conversation("before", null, 10, 10, "too early");
        ConversationId inside = conversation("inside", new ChannelAddress("generic", "u1"), 20, 25, "in the period");
        transcripts.append(
                inside,
                4,
                List.of(
                        new TranscriptEvent.Escalated(
                                T0.plus(Duration.ofDays(25)), null, EscalationReason.LOW_CONFIDENCE, null, "wait"),
                        new TranscriptEvent.Claimed(T0.plus(Duration.ofDays(25)), AgentId.of("bob")),
                        new TranscriptEvent.Resolved(T0.plus(Duration.ofDays(26)), AgentId.of("bob")),
                        new TranscriptEvent.ConversationRated(
                                T0.plus(Duration.ofDays(26)), 2, "=slow, \"but\" kind", AgentId.of("bob"), null)));
        Exports exports = new Exports(transcripts, stores.channels(), stores.conversationData(), NOW);
        Instant from = T0.plus(Duration.ofDays(15));
        Instant to = T0.plus(Duration.ofDays(30));

        StringWriter csv = new StringWriter();
        assertThat(exports.csv(from, to, csv)).isEqualTo(1);
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(csv.toString()))
                .getRecords();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("conversationId")).isEqualTo(inside.value());
            assertThat(r.get("channel")).isEqualTo("generic");
            assertThat(r.get("state")).isEqualTo("CLOSED");
            assertThat(r.get("ended")).isEqualTo(T0.plus(Duration.ofDays(26)).toString());
            assertThat(r.get("escalationReason")).isEqualTo("LOW_CONFIDENCE");
            assertThat(r.get("intentsAnswered")).isEqualTo("order_status");
            assertThat(r.get("agent")).isEqualTo("bob");
            assertThat(r.get("feedback")).isEqualTo("helpful");
            assertThat(r.get("customerMessages")).isEqualTo("1");
            assertThat(r.get("rating")).isEqualTo("2");
            assertThat(r.get("ratingComment"))
                    .as("a comment a spreadsheet would take for a formula is kept as text")
                    .isEqualTo("'=slow, \"but\" kind");
        });

        StringWriter lines = new StringWriter();
        assertThat(exports.jsonLines(from, to, lines)).isEqualTo(1);
        assertThat(lines.toString().lines())
                .hasSize(8)
                .allSatisfy(l -> assertThat(l).contains(inside.value()));
        assertThat(lines.toString()).doesNotContain(before.value());
    }
}
