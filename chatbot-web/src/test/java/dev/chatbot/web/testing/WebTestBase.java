package dev.chatbot.web.testing;

import dev.chatbot.testing.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every Spring test: one configuration, so the whole run shares one application context and loads
 * the intent model once. The service runs on a random port with the embedded store in a fresh temporary
 * directory, the real model, and the fake platform servers of {@link FakeServers}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chatbot.model.dir=../models/current",
            "chatbot.model.training-data=../training-data",
            "chatbot.store.fsync=false",
            "chatbot.limits.messages-per-conversation-per-minute=10",
            "chatbot.limits.requests-per-client-per-minute=100000",
            // every test request comes from 127.0.0.1: the per-address caps are raised here and tested with their real
            // values in FairLimitsTest's own instance
            "chatbot.limits.open-conversations-per-address=100000",
            "chatbot.limits.streams-per-address=100000",
            "chatbot.limits.streams-per-conversation=10",
            "chatbot.limits.messages-per-channel-user-per-minute=100000",
            "chatbot.limits.max-body-bytes=16384",
            "chatbot.cors.allowed-origins=https://shop.example",
            "chatbot.webhook.generic.secret=" + WebTestBase.GENERIC_SECRET,
            "chatbot.webhook.generic.previous-secret=" + WebTestBase.PREVIOUS_SECRET,
            "chatbot.webhook.whatsapp.verify-token=verify-me",
            "chatbot.webhook.whatsapp.app-secret=" + WebTestBase.WHATSAPP_SECRET,
            "chatbot.webhook.whatsapp.access-token=wa-token",
            "chatbot.webhook.whatsapp.phone-number-id=1234",
            "chatbot.webhook.telegram.bot-token=tg-token",
            "chatbot.webhook.telegram.secret-token=" + WebTestBase.TELEGRAM_SECRET,
            "chatbot.webhook.delivery.poll-interval=100ms",
            "chatbot.webhook.delivery.initial-backoff=200ms",
            "chatbot.webhook.delivery.max-backoff=1s",
            "chatbot.webhook.delivery.timeout=2s",
            "chatbot.console.admin-username=" + WebTestBase.ADMIN,
            "chatbot.console.admin-password=" + WebTestBase.ADMIN_PASSWORD,
            "chatbot.console.login.first-lockout=1s",
            "chatbot.metrics.scrape-token=" + WebTestBase.SCRAPE_TOKEN,
            // the watcher's notices are tested on their own (HandoffWatcherTest); here they would make event
            // sequences depend on timing
            "chatbot.console.nobody-online-message=",
            "chatbot.console.leave-message-offer="
        })
@AutoConfigureWebTestClient
@org.springframework.context.annotation.Import(SimulatedTime.class)
public abstract class WebTestBase {

    public static final String GENERIC_SECRET = "generic-secret-current";
    public static final String PREVIOUS_SECRET = "generic-secret-previous";
    public static final String WHATSAPP_SECRET = "whatsapp-app-secret";
    public static final String TELEGRAM_SECRET = "telegram-secret-token";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String SCRAPE_TOKEN = "scrape-token-for-tests";

    /** The test Redis and a key prefix of this run, for {@link OnRedisStore} (read only by contexts on Redis). */
    static final String TEST_REDIS_URL = "chatbot.test.redis-url";

    static final String TEST_REDIS_PREFIX = "chatbot.test.redis-prefix";
    private static final String RUN_PREFIX =
            "web-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    protected WebTestClient http;

    /**
     * The test client reads big answers (metrics, API docs); the service's body limit is for requests. It keeps its
     * connections open and reuses them, as browsers do (KeptAliveConnectionsTest sends thousands of requests that way).
     */
    @Autowired
    void client(WebTestClient client) {
        // a deadline for an answer at all (the default is 5 s): only a request never answered meets it
        http = client.mutate()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .responseTimeout(java.time.Duration.ofSeconds(60))
                .build();
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void outsideWorld(DynamicPropertyRegistry registry) {
        FakeServers fakes = FakeServers.get();
        registry.add("chatbot.store.data-dir", WebTestBase::dataDir);
        // intents made from unmet needs go to the temporary directory, never into the shipped training data
        registry.add(
                "chatbot.learning.intents-dir",
                () -> Path.of(dataDir(), "new-intents").toString());
        registry.add("chatbot.webhook.generic.callback-url", fakes::callbackUrl);
        registry.add("chatbot.webhook.whatsapp.graph-base-url", () -> fakes.platformsUrl() + "/graph");
        registry.add("chatbot.webhook.telegram.api-base-url", () -> fakes.platformsUrl() + "/telegram");
        registry.add(TEST_REDIS_URL, RedisTestServer::url);
        registry.add(TEST_REDIS_PREFIX, () -> RUN_PREFIX);
    }

    private static Path dataDir;

    private static synchronized String dataDir() {
        try {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("chatbot-web-test");
            }
            return dataDir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
