package dev.chatbot.transcript.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EventJsonTest {

    private final EventJson json = new EventJson();
    private final StoredEvent escalated = new StoredEvent(ConversationId.of("c1"), 3,
            new TranscriptEvent.Escalated(Instant.parse("2025-03-01T10:00:00Z"), null,
                    EscalationReason.LOW_CONFIDENCE, null, "A person will help."));

    @Test
    void writesTheVersionedEnvelopeFollowedByTheEventsFieldsOnOneLine() {
        String line = json.write(escalated);
        assertThat(line).startsWith("{\"v\":1,\"type\":\"Escalated\",\"conversationId\":\"c1\",\"seq\":3,")
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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("Escalated", "Teleported")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Teleported");
        assertThatThrownBy(() -> json.read("{\"v\":1,\"type\":\"Escal"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.read(json.write(escalated).replace("\"reason\":\"LOW_CONFIDENCE\",", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
