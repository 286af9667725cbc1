package dev.chatbot.web.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.channel.ChannelConversations;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** The ADMIN console's erasure requests and the CSV download of a period (role checks: ConsoleSecurityTest). */
class DataRequestsApiTest extends WebTestBase {

    @Autowired
    ChannelConversations channelConversations;

    @Autowired
    ConversationService conversations;

    @Autowired
    TranscriptStore transcripts;

    private ConversationId channelConversation(ChannelAddress customer, String text) {
        MessageId message = MessageId.of("m-" + UUID.randomUUID());
        ConversationId id = channelConversations.conversationFor(customer, message, "en");
        conversations.receive(id, message, text);
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminErasesACustomerOnlyAfterConfirmingAndATombstoneRemains() {
        ChannelAddress customer = new ChannelAddress("generic", "erase-me-" + UUID.randomUUID());
        ConversationId id = channelConversation(customer, "What are your opening hours?");
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);

        ConsoleSession.Response preview =
                admin.post("/api/v1/console/erasures", Map.of("customer", customer.toString()));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json())
                .containsEntry("confirmed", false)
                .containsEntry("conversations", List.of(id.value()));
        assertThat(transcripts.read(id, 0)).isNotEmpty();

        ConsoleSession.Response erased =
                admin.post("/api/v1/console/erasures", Map.of("customer", customer.toString(), "confirm", true));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json()).containsEntry("confirmed", true).containsEntry("conversations", List.of(id.value()));
        assertThat(transcripts.read(id, 0)).isEmpty();
        assertThat(admin.get("/api/v1/console/conversations/" + id.value()).status())
                .isEqualTo(404);

        List<Map<String, Object>> tombstones = JsonMapper.builder()
                .build()
                .readValue(admin.get("/api/v1/console/erasures").body(), List.class);
        assertThat(tombstones)
                .filteredOn(t -> id.value().equals(t.get("conversationId")))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .containsEntry("erasedBy", "agent:" + ADMIN)
                        .containsKey("erasedAt"));
    }

    @Test
    void refusesAnErasureRequestThatNamesNeitherOrBoth() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.post("/api/v1/console/erasures", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/console/erasures", Map.of("conversationId", "a", "customer", "generic:b"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v1/console/erasures", Map.of("customer", "no-colon"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v1/console/erasures", Map.of("conversationId", "not valid!"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anAdminDownloadsTheConversationsOfAPeriodAsCsv() {
        ConversationId id = conversations.start("web", "en");
        conversations.receive(id, MessageId.of("m-" + UUID.randomUUID()), "What are your opening hours?");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);

        ConsoleSession.Response csv = admin.get("/api/v1/console/insights/export.csv?from=" + today + "&to=" + today);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst())
                .contains(
                        "conversationId,channel,started,ended,state,escalationReason,intentsAnswered,agent,feedback,customerMessages,"
                                + "rating,ratingComment");
        assertThat(csv.body()).contains(id.value() + ",web,");
        assertThat(admin.get("/api/v1/console/insights/export.csv?from=" + today + "&to=2000-01-01")
                        .status())
                .isEqualTo(400);
    }
}
