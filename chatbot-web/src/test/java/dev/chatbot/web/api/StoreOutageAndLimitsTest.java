package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.web.ChatbotApplication;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One instance on a Redis server of its own with the per-address limit as a deployment has it (not raised as in the
 * other test contexts): the store going away answers 503 with Retry-After and takes readiness DOWN, and coming back
 * recovers both; a client that sends too much meets 429 with Retry-After. Started here and closed afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class StoreOutageAndLimitsTest {

    private static final int PER_ADDRESS_PER_MINUTE = 30;

    private static RedisTestServer redis;
    private static ConfigurableApplicationContext instance;
    private static WebTestClient http;

    @BeforeAll
    static void startOnARedisOfItsOwn() throws Exception {
        redis = RedisTestServer.start("--save", "", "--appendonly", "yes", "--appendfsync", "always");
        instance = new SpringApplicationBuilder(ChatbotApplication.class)
                .run(
                        "--server.port=0",
                        "--chatbot.store.kind=redis",
                        "--chatbot.store.redis-url=" + redis.serverUrl(),
                        "--chatbot.store.data-dir=" + Files.createTempDirectory("chatbot-outage"),
                        "--chatbot.model.dir=../models/current",
                        "--chatbot.model.training-data=../training-data",
                        "--chatbot.limits.requests-per-client-per-minute=" + PER_ADDRESS_PER_MINUTE,
                        // the cap on open conversations (30 by default) would otherwise meet the rate limit first
                        // whenever the bucket refills during a slow run: this test is about the rate limit alone
                        "--chatbot.limits.open-conversations-per-address=1000",
                        "--chatbot.console.admin-password=outage-admin-password",
                        "--chatbot.console.nobody-online-message=",
                        "--chatbot.console.leave-message-offer=");
        http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static EntityExchangeResult<byte[]> startConversation() {
        return http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "web", "locale", "en"))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static int readiness() {
        return http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }

    private static String body(EntityExchangeResult<byte[]> r) {
        return new String(r.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void whileTheStoreIsAwayRequestsAre503WithRetryAfterAndReadinessIsDownUntilItIsBack() throws Exception {
        // three requests count against the address's limit here: the polling goes to readiness, which is not limited
        assertThat(startConversation().getStatus().value()).isEqualTo(201);
        assertThat(readiness()).isEqualTo(200);

        redis.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 503);
        EntityExchangeResult<byte[]> refused = startConversation();
        assertThat(refused.getStatus().value()).as(body(refused)).isEqualTo(503);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(body(refused)).contains("\"error\":\"store_unavailable\"");

        redis.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        assertThat(startConversation().getStatus().value()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void aClientOverThePerAddressLimitIs429WithRetryAfter() {
        // the bucket refills continuously (one request every 2 s here), so count until the first refusal
        int accepted = 0;
        EntityExchangeResult<byte[]> refused = null;
        while (refused == null && accepted < 200) {
            EntityExchangeResult<byte[]> r = startConversation();
            if (r.getStatus().value() == 201) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertThat(refused).as("a refusal within 200 requests").isNotNull();
        assertThat(refused.getStatus().value()).as(body(refused)).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(body(refused)).contains("\"error\":\"rate_limited\"");
        // the burst, less the three requests of the outage test
        assertThat(accepted).isGreaterThanOrEqualTo(PER_ADDRESS_PER_MINUTE - 3);
    }
}
