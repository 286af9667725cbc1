package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;

import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.model.redis.RedisPromotionNotices;
import dev.chatbot.store.Stores;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.web.ChatbotApplication;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Two instances of the service sharing one real Redis (transcripts, queue, agent accounts, presence): the
 * customer talks to instance A, the agent works on instance B, claims race across both, and a model promotion
 * announced on one is served by both (a copy of the shipped model in a repository of the test's own). Both
 * instances are started here and stopped afterwards, so they do not linger beside the shared test context.
 * Screenshots: {@code target/screenshots/two-instances-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class TwoInstanceConsoleTest {

    private static final String ADMIN_PASSWORD = "two-instance-admin-pw";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private static String redisUrl;
    /** A copy of the shipped model in a repository of the test's own, so a promotion does not touch models/. */
    private static ModelRepository models;

    private static String keyPrefix;
    private static String sharedTokenKey;
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static ChromeDriver customer;
    private static ChromeDriver agent;

    @BeforeAll
    @Timeout(300)
    static void startTwoInstancesOnOneRedis() throws Exception {
        String redis = RedisTestServer.url();
        String prefix = "two-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String tokenKey = Base64.getEncoder().encodeToString(key);
        redisUrl = redis;
        keyPrefix = prefix;
        models = copyOfTheShippedModel();
        sharedTokenKey = tokenKey;
        // one after the other: Spring Boot initialises the JVM's one logging system per start, and two starts at
        // once can race on it ("Unable to find Spring Environment in logger context")
        instanceA = start(redis, prefix, tokenKey);
        instanceB = start(redis, prefix, tokenKey);
        customer = Browsers.start();
        agent = Browsers.start();
    }

    private static ConfigurableApplicationContext start(String redis, String prefix, String tokenKey) {
        try {
            return new SpringApplicationBuilder(ChatbotApplication.class)
                    .run(
                            "--server.port=0",
                            "--chatbot.store.kind=redis",
                            "--chatbot.store.redis-url=" + redis,
                            "--chatbot.store.redis-key-prefix=" + prefix,
                            "--chatbot.store.data-dir=" + Files.createTempDirectory("chatbot-two-instances"),
                            "--chatbot.security.token-key=" + tokenKey,
                            "--chatbot.model.dir=" + models.currentDirectory(),
                            // a promotion reaches the instances by the Redis notice, not by the periodic check
                            "--chatbot.model.watch-interval=1h",
                            "--chatbot.model.training-data=../training-data",
                            "--chatbot.limits.requests-per-client-per-minute=100000",
                            "--chatbot.limits.open-conversations-per-address=100000",
                            "--chatbot.console.admin-password=" + ADMIN_PASSWORD,
                            "--chatbot.console.nobody-online-message=",
                            "--chatbot.console.leave-message-offer=");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopEverything() {
        Browsers.quit(customer);
        Browsers.quit(agent);
        if (instanceA != null) {
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private static String url(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port");
    }

    @Test
    @Order(1)
    void theCustomerOnOneInstanceAndTheAgentOnAnotherTalkLive() {
        HandoffJourney journey = new HandoffJourney(customer, url(instanceA), agent, url(instanceB), "two-instances-");
        journey.agentLogsIn("admin", ADMIN_PASSWORD);
        journey.customerOpensTheShop();
        // B's queue feed ticks on the events of A's conversation (through Redis), not only on its periodic refresh
        AtomicInteger heardOnB = new AtomicInteger();
        Disposable listening = instanceB
                .getBean(QueueFeed.class)
                .ticks(Duration.ofMillis(10), Duration.ofDays(1))
                .skip(1) // the tick at once
                .subscribe(tick -> heardOnB.incrementAndGet());
        try {
            journey.customerIsHandedOverAndTheAgentSeesItLive();
            await().atMost(Duration.ofSeconds(60)).untilAtomic(heardOnB, greaterThan(0));
        } finally {
            listening.dispose();
        }
        journey.agentClaimsIt();
        journey.agentRepliesAndTheCustomerSeesItLive("Hello from instance B: we can't help with plumbing, sorry.");
        journey.agentLabelsTheMessage("plumbing_referral");
        journey.agentHandsBack();
        journey.theBotAnswersTheNextShopQuestion();
        journey.markupFromACustomerIsShownAsText();
    }

    @Test
    @Order(2)
    void concurrentClaimsFromTwoInstancesLetExactlyOneAgentWin() throws Exception {
        ConsoleSession adminOnA = ConsoleSession.login(url(instanceA), "admin", ADMIN_PASSWORD);
        assertThat(adminOnA.post(
                                "/api/v1/console/agents",
                                Map.of("username", "bob", "password", "bob-password-1", "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        ConsoleSession bobOnB = ConsoleSession.login(url(instanceB), "bob", "bob-password-1"); // accounts are shared
        WebTestClient customers = WebTestClient.bindToServer()
                .baseUrl(url(instanceA))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Map<String, Object> started = customers
                        .post()
                        .uri("/api/v1/conversations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of())
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON)
                        .returnResult()
                        .getResponseBody();
                String id = (String) started.get("conversationId");
                customers
                        .post()
                        .uri("/api/v1/conversations/{id}/messages", id)
                        .header("Authorization", "Bearer " + started.get("token"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("text", "How much does delivery cost?"))
                        .exchange()
                        .expectStatus()
                        .isOk();
                customers
                        .post()
                        .uri("/api/v1/conversations/{id}/handoff", id)
                        .header("Authorization", "Bearer " + started.get("token"))
                        .exchange()
                        .expectStatus()
                        .isOk();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> claims = new ArrayList<>();
                for (ConsoleSession session : List.of(adminOnA, bobOnB)) {
                    claims.add(pool.submit(() -> {
                        go.await();
                        return session.post("/api/v1/console/conversations/" + id + "/claim", null)
                                .status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> claim : claims) {
                    statuses.add(claim.get(15, TimeUnit.SECONDS));
                }
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
                Map<String, Object> view =
                        bobOnB.get("/api/v1/console/conversations/" + id).json();
                assertThat(view.get("state")).isEqualTo("AGENT");
                assertThat(((List<?>) view.get("events"))
                                .stream().filter(e -> "Claimed".equals(((Map<?, ?>) e).get("type"))))
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long consoleSessionKeys() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redisUrl);
        try (var connection = client.connect()) {
            return connection.sync().keys(keyPrefix + ":console:session:*").size();
        } finally {
            client.shutdown();
        }
    }

    @Test
    @Order(3)
    void aConsoleSessionLivesInRedisSoAnyInstanceServesItAndARestartLogsNobodyOut() throws Exception {
        long before = consoleSessionKeys();
        java.net.http.HttpClient anonymous = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 1000; i++) {
            assertThat(anonymous
                            .send(
                                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(instanceA) + "/login"))
                                            .GET()
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(consoleSessionKeys()).as("no session for anonymous visitors").isEqualTo(before);

        ConsoleSession onA = ConsoleSession.login(url(instanceA), "admin", ADMIN_PASSWORD);
        assertThat(consoleSessionKeys()).as("the login made one").isGreaterThan(before);
        String cookies = onA.cookieHeader();
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        java.util.function.IntSupplier meOnB = () -> {
            try {
                return plain.send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(url(instanceB) + "/api/v1/console/me"))
                                        .header("Cookie", cookies)
                                        .header("Accept", "application/json")
                                        .GET()
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        assertThat(meOnB.getAsInt()).as("A's session on B").isEqualTo(200);

        instanceB.close();
        instanceB = start(redisUrl, keyPrefix, sharedTokenKey);
        assertThat(meOnB.getAsInt()).as("A's session on a restarted B").isEqualTo(200);
        // (A is not asked again: closing B in this JVM released the Netty resources the two servers share)
    }

    @Test
    @Order(4)
    void aPromotionAnnouncedOnOneInstanceIsServedByTheOtherAtOnce() throws Exception {
        String before = instanceB.getBean(ModelSlot.class).current().version();
        String promoted = TinyModels.trainAndPromote(models, 1);
        assertThat(promoted).isNotEqualTo(before);
        // A announces as the retrain command does; B (started afresh in the test before) hears it through Redis
        RedisPromotionNotices.on(instanceA.getBean(Stores.class).redis().orElseThrow())
                .announce(promoted);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        instanceB.getBean(ModelSlot.class).current().version().equals(promoted));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        instanceA.getBean(ModelSlot.class).current().version().equals(promoted));
    }

    private static ModelRepository copyOfTheShippedModel() throws java.io.IOException, ModelLoadException {
        Path shipped = Path.of("../models/current").toRealPath();
        ModelRepository repository = new ModelRepository(Files.createTempDirectory("chatbot-two-instances-models"));
        Path copy = repository.root().resolve(shipped.getFileName().toString());
        try (var paths = Files.walk(shipped)) { // with the further languages' models in their folders
            for (Path p : paths.toList()) {
                Path target = copy.resolve(shipped.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        repository.promote(shipped.getFileName().toString());
        return repository;
    }
}
