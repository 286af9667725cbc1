package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.RawHttp;
import dev.chatbot.web.testing.WebTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A customer attaches a photo in the widget's chat API: only JPEG, PNG and WebP by their bytes, up to the photo limit
 * (5 MB by default); the file is kept with the conversation, which goes to a person, and the agent opens it from the
 * console; refused uploads leave nothing behind; erasure takes the file with the conversation.
 */
class PhotoUploadTest extends WebTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final int LIMIT = 5 * 1024 * 1024;

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

    private WebTestClient.ResponseSpec upload(Started c, String declaredType, byte[] content, String clientMessageId) {
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/v1/conversations/{id}/photos?clientMessageId={m}", c.conversationId(), clientMessageId)
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.parseMediaType(declaredType))
                .bodyValue(content)
                .exchange();
    }

    static byte[] png(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, out, 0, signature.length);
        return out;
    }

    @Test
    void aPhotoIsKeptWithTheConversationAndTheAgentOpensItsExactBytes() throws Exception {
        Started c = start();
        byte[] photo = png(200_000, 1);
        upload(c, "image/png", photo, "photo-1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("QUEUED")
                .jsonPath("$.escalation.reason")
                .isEqualTo("MEDIA")
                .jsonPath("$.replies[0].text")
                .value(text -> assertThat((String) text).contains("we got your photo"));

        // the same client message id again: the first photo stays, the first reply is answered
        upload(c, "image/png", png(1_000, 2), "photo-1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalation.reason")
                .isEqualTo("MEDIA");
        assertThat(channels.media(c.id())).hasSize(1);

        ConsoleSession agent = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> conversation =
                agent.get("/api/v1/console/conversations/" + c.conversationId()).json();
        assertThat(conversation.get("escalationReason")).isEqualTo("MEDIA");
        assertThat(conversation.get("events").toString()).contains("[photo]");
        @SuppressWarnings("unchecked")
        Map<String, Object> media = ((List<Map<String, Object>>) conversation.get("media")).get(0);
        assertThat(media)
                .containsEntry("messageId", "photo-1")
                .containsEntry("kind", "image")
                .containsEntry("mimeType", "image/png");

        HttpResponse<byte[]> file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + media.get("url")))
                                .header("Cookie", agent.cookieHeader())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.body()).isEqualTo(photo);
        assertThat(channels.export(c.id())).containsKey("media");

        ConsoleSession.Response erased =
                agent.post("/api/v1/console/erasures", Map.of("conversationId", c.conversationId(), "confirm", true));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(channels.content(c.id(), "photo-1")).isEmpty();
        assertThat(channels.media(c.id())).isEmpty();
    }

    @Test
    void aPhotoUpToTheLimitIsTakenInAnyOfTheThreeFormats() {
        byte[] jpeg = png(LIMIT, 3);
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        Started c = start();
        upload(c, "image/jpeg", jpeg, "big").expectStatus().isOk();
        assertThat(channels.content(c.id(), "big"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));

        byte[] webp = "RIFF\u0010\0\0\0WEBPVP8 more".getBytes(StandardCharsets.ISO_8859_1);
        upload(c, "image/webp", webp, "webp").expectStatus().isOk();
        assertThat(channels.media(c.id())).extracting(m -> m.mimeType()).contains("image/jpeg", "image/webp");
    }

    @Test
    void otherFilesAreRefusedWith415WhateverTheirDeclaredTypeAndNothingIsKept() {
        Started c = start();
        byte[] gif = "GIF89a\u0001\0\u0001\0".getBytes(StandardCharsets.ISO_8859_1);
        upload(c, "image/jpeg", gif, "gif")
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unsupported_photo_type")
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("JPEG, PNG and WebP"));
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        upload(c, "image/png", svg, "svg").expectStatus().isEqualTo(415);
        upload(c, "image/png", new byte[0], "empty")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .exists();
        upload(c, "image/png", png(100, 4), "not an id!").expectStatus().isBadRequest();

        assertThat(channels.media(c.id())).isEmpty();
        assertThat(transcripts.read(c.id(), 0)).hasSize(1); // only ConversationStarted
    }

    @Test
    void aPhotoOverTheLimitIsRefusedWith413DeclaredOrNot() {
        Started c = start();
        String target = "/api/v1/conversations/" + c.conversationId() + "/photos?clientMessageId=too-big";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + c.token(), "Content-Type", "image/png");
        for (boolean chunked : new boolean[] {false, true}) { // declared: refused before reading; chunked: at the limit
            RawHttp.Response answer = RawHttp.send(port, "POST", target, headers, png(LIMIT + 1, 5), chunked);
            assertThat(answer.status()).as("chunked " + chunked + ": " + answer).isEqualTo(413);
            assertThat(answer.text()).contains("\"error\":\"payload_too_large\"");
        }
        assertThat(channels.media(c.id())).isEmpty();
        assertThat(transcripts.read(c.id(), 0)).hasSize(1);
    }

    @Test
    void anUploadNeedsTheConversationsToken() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/photos", c.conversationId())
                .contentType(MediaType.IMAGE_PNG)
                .bodyValue(png(100, 7))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .exists();
        assertThat(channels.media(c.id())).isEmpty();
    }
}
