package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The leave-a-message form's API: the contact details are kept as given in their own fields and shown only in the
 * console, while the message joins the transcript redacted; bad details are refused with 4xx and nothing is kept;
 * erasure takes the details with the conversation.
 */
class ContactDetailsApiTest extends WebTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String PHONE = "+49 170 1234567";
    private static final String EMAIL = "jo.doe@mail.example.com";

    @Autowired
    ChannelStore channels;

    @Autowired
    TranscriptStore transcripts;

    record Started(String conversationId, String token) {
        ConversationId id() {
            return ConversationId.of(conversationId);
        }
    }

    private Started start() {
        Map<String, Object> body = http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "web", "locale", "en"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return new Started((String) body.get("conversationId"), (String) body.get("token"));
    }

    private WebTestClient.ResponseSpec leave(Started c, Map<String, Object> body) {
        return http.post()
                .uri("/api/v1/conversations/{id}/contact", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static Map<String, Object> form(String name, String email, String phone, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("email", email);
        body.put("phone", phone);
        body.put("message", message);
        return body;
    }

    @Test
    void theDetailsAreKeptAsGivenForTheAgentWhileTheMessageIsRedacted() {
        Started c = start();
        leave(
                        c,
                        form(
                                "Jo Doe",
                                EMAIL,
                                PHONE,
                                "My parcel arrived broken, call me on " + PHONE + " or write to " + EMAIL))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.conversationId")
                .isEqualTo(c.conversationId());

        assertThat(channels.contactDetails(c.id())).hasValueSatisfying(d -> {
            assertThat(d.name()).isEqualTo("Jo Doe");
            assertThat(d.email()).isEqualTo(EMAIL);
            assertThat(d.phone()).isEqualTo(PHONE);
        });
        String transcript = transcripts.read(c.id(), 0).stream()
                .map(e -> e.event())
                .filter(e -> e instanceof TranscriptEvent.MessageReceived)
                .map(e -> ((TranscriptEvent.MessageReceived) e).text())
                .findFirst()
                .orElseThrow();
        assertThat(transcript)
                .contains("My parcel arrived broken")
                .doesNotContain("1234567")
                .doesNotContain(EMAIL);

        // the customer's own event history does not give the details back
        http.get()
                .uri("/api/v1/conversations/{id}/events?after=0", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("1234567").doesNotContain(EMAIL));

        ConsoleSession agent = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> conversation =
                agent.get("/api/v1/console/conversations/" + c.conversationId()).json();
        assertThat(conversation.get("contactDetails"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "Jo Doe")
                .containsEntry("email", EMAIL)
                .containsEntry("phone", PHONE);
        assertThat(conversation.get("events").toString()).doesNotContain("1234567");
        assertThat(channels.export(c.id())).containsKey("contactDetails");

        ConsoleSession.Response erased =
                agent.post("/api/v1/console/erasures", Map.of("conversationId", c.conversationId(), "confirm", true));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(channels.contactDetails(c.id())).isEmpty();
    }

    @Test
    void aPhoneAloneOrAnEmailAloneIsEnough() {
        Started c = start();
        leave(c, form(null, null, "030 1234567", "Please call back"))
                .expectStatus()
                .isOk();
        assertThat(channels.contactDetails(c.id())).map(ContactDetails::phone).contains("030 1234567");
        leave(c, form(null, EMAIL, "", "Or write, thanks")).expectStatus().isOk();
        assertThat(channels.contactDetails(c.id())).map(ContactDetails::email).contains(EMAIL);
    }

    @Test
    void detailsThatCannotReachAnyoneAreRefusedAndNothingIsKept() {
        Started c = start();
        leave(c, form("Jo", "", " ", "Call me"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_contact")
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("e-mail address or a phone number"));
        leave(c, form(null, "not-an-address", null, "Write me"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_contact");
        leave(c, form(null, null, "call me maybe", "Call me"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_contact");
        leave(c, form(null, EMAIL, null, "   ")).expectStatus().isBadRequest();
        leave(c, form(null, EMAIL, null, "x".repeat(2001))).expectStatus().isEqualTo(422);
        leave(c, Map.of("email", 42, "message", "hi")).expectStatus().isBadRequest();
        http.post()
                .uri("/api/v1/conversations/{id}/contact", c.conversationId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(form(null, EMAIL, null, "no token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(channels.contactDetails(c.id())).isEmpty();
        assertThat(transcripts.read(c.id(), 0)).hasSize(1);
    }

    @Test
    void aClosedConversationTakesNoDetailsAndNothingIsKept() {
        Started c = start();
        transcripts.append(
                c.id(),
                transcripts.session(c.id()).lastSequence(),
                List.of(new TranscriptEvent.Resolved(Instant.now(), null)));
        leave(c, form("Jo", EMAIL, null, "Please write back"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("conversation_closed");
        assertThat(channels.contactDetails(c.id())).isEmpty();
    }
}
