package dev.chatbot.transcript.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.std.ToStringSerializer;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class EventJsonTest {

    private final EventJson json = new EventJson();
    private final StoredEvent escalated = new StoredEvent(
            ConversationId.of("c1"),
            3,
            new TranscriptEvent.Escalated(
                    Instant.parse("2025-03-01T10:00:00Z"),
                    null,
                    EscalationReason.LOW_CONFIDENCE,
                    null,
                    "A person will help."));

    @Test
    void writesTheVersionedEnvelopeFollowedByTheEventsFieldsOnOneLine() {
        String line = json.write(escalated);
        assertThat(line)
                .startsWith("{\"v\":1,\"type\":\"Escalated\",\"conversationId\":\"c1\",\"seq\":3,")
                .contains("\"at\":\"2025-03-01T10:00:00Z\"", "\"reason\":\"LOW_CONFIDENCE\"")
                .doesNotContain("\n");
        assertThat(json.read(line)).isEqualTo(escalated);
    }

    @Test
    void ignoresFieldsAddedLaterWithinTheSameVersion() {
        String line = json.write(escalated).replace("{\"v\":1,", "{\"v\":1,\"newField\":42,");
        assertThat(json.read(line)).isEqualTo(escalated);
    }

    @Test
    void refusesUnknownVersionsTypesAndBrokenJson() {
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("\"v\":1", "\"v\":2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("Escalated", "Teleported")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Teleported");
        assertThatThrownBy(() -> json.read("{\"v\":1,\"type\":\"Escal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("\"reason\":\"LOW_CONFIDENCE\",", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsWhatItWroteInOnePassAndAnythingElseTheGeneralWay() {
        for (StoredEvent stored : oneOfEach()) {
            assertThat(json.readStreamed(json.write(stored)))
                    .as(stored.event().type())
                    .isEqualTo(stored);
        }
        String line = json.write(escalated);
        // another field order, a field the event does not know, trailing text: not the one-pass form
        String reordered = line.replace("{\"v\":1,\"type\":\"Escalated\",", "{\"type\":\"Escalated\",\"v\":1,");
        String added = line.replace("\"seq\":3,", "\"seq\":3,\"newField\":{\"a\":[1]},");
        assertThat(json.readStreamed(reordered)).isNull();
        assertThat(json.read(reordered)).isEqualTo(escalated);
        assertThat(json.read(added)).isEqualTo(escalated);
        assertThat(json.readStreamed(line + " {}")).isNull();
        assertThat(json.readStreamed(line.replace("\"v\":1", "\"v\":99999999999")))
                .isNull();
        assertThatThrownBy(() ->
                        json.read(line.replace("\"seq\":3", "\"seq\":\"x\"").replace("\"at\"", "\"at\":1,\"y\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTimesInTheWrittenFormByHandAndEveryOtherFormAsBefore() {
        for (String plain : List.of(
                "2025-03-01T10:00:00Z",
                "2025-03-01T10:00:00.1Z",
                "2025-03-01T10:00:00.120Z",
                "2024-02-29T23:59:59.123456Z",
                "1970-01-01T00:00:00.000000001Z",
                "9999-12-31T23:59:59.999999999Z")) {
            assertThat(EventJson.plainUtc(plain)).as(plain).isEqualTo(Instant.parse(plain));
        }
        for (String other : List.of(
                "2025-03-01T11:00:00+01:00",
                "2025-02-29T10:00:00Z",
                "2025-13-01T10:00:00Z",
                "2025-03-01T24:00:00Z",
                "2025-03-01T10:00:60Z",
                "2025-03-01t10:00:00z",
                "2025-03-01T10:00:00.Z",
                "2025-03-01T10:00:00.1234567890Z",
                "+12025-03-01T10:00:00Z",
                "2025-03-01T1a:00:00Z",
                "2025-03-01 10:00:00Z")) {
            assertThat(EventJson.plainUtc(other)).as(other).isNull();
        }
        // an offset is not the written form, and is still read as the general reader reads it
        String line = json.write(escalated).replace("\"2025-03-01T10:00:00Z\"", "\"2025-03-01T11:00:00+01:00\"");
        assertThat(json.read(line)).isEqualTo(escalated);
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("2025-03-01T10", "2025-02-30T10")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One of every event type, with every field set (nulls where a field is optional). */
    static List<StoredEvent> oneOfEach() {
        Instant at = Instant.parse("2025-03-01T10:00:00.123Z");
        ConversationId c = ConversationId.of("c2");
        MessageId m = MessageId.of("m-1");
        AgentId agent = AgentId.of("ana");
        IntentName intent = IntentName.of("shipping_abroad");
        List<TranscriptEvent> events = List.of(
                new TranscriptEvent.ConversationStarted(at, "web", "de-CH"),
                new TranscriptEvent.MessageReceived(
                        at,
                        m,
                        "Do you ship \"abroad\"? \u00e9\u2028\ud83d\ude00 <b>",
                        List.of(new ScoredIntent(intent, 0.875), new ScoredIntent(IntentName.of("returns"), 0.1)),
                        "v7",
                        "en"),
                new TranscriptEvent.BotAnswered(
                        at, m, intent, 0.875, "Yes, to 30 countries.", List.of("Costs?", "Times?")),
                new TranscriptEvent.ClarificationOffered(
                        at,
                        m,
                        "Which one?",
                        List.of(
                                new ClarificationOption(intent, "Shipping"),
                                new ClarificationOption(IntentName.of("returns"), "Returns"))),
                new TranscriptEvent.Escalated(
                        at, null, EscalationReason.USER_REQUEST, null, "A person will help.", "billing", null),
                new TranscriptEvent.NoticeSent(at, m, "Still waiting"),
                new TranscriptEvent.Claimed(at, agent),
                new TranscriptEvent.AgentReplied(at, agent, MessageId.of("a-1"), "Hello\nthere"),
                new TranscriptEvent.Transferred(at, agent, "orders", AgentId.of("otto"), "Parcel question too"),
                new TranscriptEvent.Labelled(at, agent, m, intent),
                new TranscriptEvent.MarkedNotCovered(at, agent, m),
                new TranscriptEvent.FeedbackGiven(at, false, ""),
                new TranscriptEvent.Resolved(at, agent),
                new TranscriptEvent.ConversationRated(at, 4, "Quick \"and\" kind", agent, intent),
                new TranscriptEvent.HandedBack(at, agent));
        assertThat(events.stream().map(TranscriptEvent::type).distinct())
                .as("every event type once")
                .hasSize(TranscriptEvent.class.getPermittedSubclasses().length);
        for (Class<?> type : TranscriptEvent.class.getPermittedSubclasses()) {
            // the reader takes the envelope's fields for unknown ones of the event: an event must not have them
            assertThat(Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName))
                    .as(type.getSimpleName())
                    .doesNotContain("v", "type", "conversationId", "seq");
        }
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(new StoredEvent(c, i + 1, events.get(i)));
        }
        return out;
    }

    @Test
    void everyEventTypeIsWrittenExactlyAsTheStoredFormatHasItAndReadsBack() {
        // the stored format predates the streaming writer: the envelope object with the event's fields copied in
        JsonMapper reference = JsonMapper.builder().addModule(idsAsStrings()).build();
        for (StoredEvent stored : oneOfEach()) {
            ObjectNode expected = reference.createObjectNode();
            expected.put("v", TranscriptEvent.SCHEMA_VERSION);
            expected.put("type", stored.event().type());
            expected.put("conversationId", stored.conversationId().value());
            expected.put("seq", stored.sequence());
            expected.setAll((ObjectNode) reference.valueToTree(stored.event()));

            String line = json.write(stored);
            assertThat(line).as(stored.event().type()).isEqualTo(reference.writeValueAsString(expected));
            assertThat(json.read(line)).isEqualTo(stored);
        }
        List<StoredEvent> all = oneOfEach();
        String batch = json.writeBatch(all);
        assertThat(batch)
                .startsWith("[{")
                .endsWith("}]")
                .doesNotContain("\n")
                .isEqualTo("[" + String.join(",", all.stream().map(json::write).toList()) + "]");
        assertThat(json.readBatch(batch)).isEqualTo(all);
    }

    private static SimpleModule idsAsStrings() {
        SimpleModule ids = new SimpleModule("reference-ids");
        ids.addSerializer(ConversationId.class, ToStringSerializer.instance);
        ids.addSerializer(MessageId.class, ToStringSerializer.instance);
        ids.addSerializer(AgentId.class, ToStringSerializer.instance);
        ids.addSerializer(IntentName.class, ToStringSerializer.instance);
        return ids;
    }
}
