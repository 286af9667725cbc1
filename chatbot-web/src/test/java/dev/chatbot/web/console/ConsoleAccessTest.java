package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.api.ConversationTokens;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.Eventually;
import dev.chatbot.web.testing.WebTestBase;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Access to the console and the operations surface over real HTTP: no session for anonymous visitors, login
 * throttling, forced and voluntary password changes, private files, metrics behind the scrape token, and where a
 * conversation token is accepted.
 */
@Timeout(180)
class ConsoleAccessTest extends WebTestBase {

    @Autowired
    WebSessionManager sessions;

    private int sessionCount() {
        return ((InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore())
                .getSessions()
                .size();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void tenThousandAnonymousLoginPagesLeaveSessionsAndMemoryFlatAndAnAgentStillLogsIn() throws Exception {
        ConsoleSession.anonymous(baseUrl()).get("/login"); // warm up
        int sessionsBefore = sessionCount();
        long heapBefore = heapAfterGc();
        HttpClient client = HttpClient.newHttpClient(); // no cookie store: a script keeps nothing
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 2500; i++) {
                        HttpResponse<String> r = client.send(
                                HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                                        .timeout(Duration.ofSeconds(60))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION"));
                        ok += r.statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : workers) {
                ok += f.get(150, TimeUnit.SECONDS);
            }
            assertThat(ok).isEqualTo(10_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sessionCount()).as("server sessions").isLessThanOrEqualTo(sessionsBefore);
        long grown = heapAfterGc() - heapBefore;
        System.out.println("heap after 10,000 anonymous GET /login: " + (grown / 1024) + " KB more");
        assertThat(grown).as("heap growth in bytes").isLessThan(32L * 1024 * 1024);
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.get("/api/v1/console/queue").status()).isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountWithAClearMessageUntilTheBackoffEnds() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.post(
                                "/api/v1/console/agents",
                                Map.of("username", "guessed", "password", "guessed-password-1", "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(ConsoleSession.anonymous(baseUrl()).loginLocation("guessed", "wrong-" + i))
                    .as("free failure " + i)
                    .endsWith("/login?error");
        }
        assertThat(ConsoleSession.anonymous(baseUrl()).loginLocation("guessed", "wrong-5"))
                .contains("/login?locked=");
        // while locked even the right password is refused, before it is checked; the lockout doubles with each
        // failure, so the next right try waits for the end of this one
        String refused = ConsoleSession.anonymous(baseUrl()).loginLocation("guessed", "guessed-password-1");
        assertThat(refused)
                .satisfiesAnyOf(
                        r -> assertThat(r).contains("/login?locked="),
                        r -> assertThat(r)
                                .as("the 1 s lockout of the tests already over")
                                .endsWith("/console"));
        assertThat(ConsoleSession.anonymous(baseUrl()).get("/login?locked=1").body())
                .contains("Too many failed logins. Please wait 1 second");
        Eventually.await(
                Duration.ofSeconds(30),
                "the lockout ends",
                () -> ConsoleSession.anonymous(baseUrl())
                        .loginLocation("guessed", "guessed-password-1")
                        .endsWith("/console"));
    }

    @Test
    void anAgentWhoseFirstPasswordWasSetByAnAdminMustChooseTheirOwnBeforeAnythingElse() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.post(
                                "/api/v1/console/agents",
                                Map.of(
                                        "username",
                                        "newcomer",
                                        "password",
                                        "set-by-admin-1",
                                        "role",
                                        "AGENT",
                                        "mustChangePassword",
                                        true))
                        .status())
                .isEqualTo(201);
        ConsoleSession newcomer = ConsoleSession.login(baseUrl(), "newcomer", "set-by-admin-1");
        assertThat(newcomer.get("/api/v1/console/me").json()).containsEntry("mustChangePassword", true);
        ConsoleSession.Response refused = newcomer.get("/api/v1/console/queue");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("error", "password_change_required");
        assertThat(newcomer.post(
                                "/api/v1/console/me/password",
                                Map.of("currentPassword", "wrong-one-here", "newPassword", "my-own-password-1"))
                        .status())
                .isEqualTo(400);
        assertThat(newcomer.post(
                                "/api/v1/console/me/password",
                                Map.of("currentPassword", "set-by-admin-1", "newPassword", "short"))
                        .status())
                .isEqualTo(400);
        assertThat(newcomer.post(
                                "/api/v1/console/me/password",
                                Map.of("currentPassword", "set-by-admin-1", "newPassword", "my-own-password-1"))
                        .status())
                .isEqualTo(200);
        assertThat(newcomer.get("/api/v1/console/queue").status()).isEqualTo(200);
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin("newcomer", "set-by-admin-1"))
                .isEqualTo(401);
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin("newcomer", "my-own-password-1"))
                .isEqualTo(302);
        // an admin's reset asks for a change again
        assertThat(admin.post("/api/v1/console/agents/newcomer/password", Map.of("password", "reset-by-admin-2"))
                        .json())
                .containsEntry("mustChangePassword", true);
        assertThat(ConsoleSession.login(baseUrl(), "newcomer", "reset-by-admin-2")
                        .get("/api/v1/console/queue")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void secretsAndPersonalDataAreReadableByTheOwnerOnly() throws Exception {
        Path data = Path.of(context("chatbot.store.data-dir"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        List<String> files = new java.util.ArrayList<>(List.of("token.key", "chatbot.db"));
        for (String maybe : List.of("chatbot.db-wal", "chatbot.db-shm")) {
            if (Files.exists(data.resolve(maybe))) {
                files.add(maybe);
            }
        }
        for (String file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        try (var all = Files.list(data)) {
            assertThat(all.filter(f -> !Files.isDirectory(f))
                            .map(f -> f.getFileName().toString()))
                    .as("every file of the data directory is private")
                    .allSatisfy(name -> assertThat(
                                    PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name))))
                            .as(name)
                            .isEqualTo("rw-------"));
        }
    }

    @Test
    void metricsNeedTheScrapeTokenWhileHealthStaysPublic() {
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("\"error\"", "scrape token"));
        http.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("jvm_"));
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void theTokenMayComeAsAQueryParameterOnlyOnTheEventStreamAndExpires() throws Exception {
        Map<?, ?> started = http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) started.get("conversationId");
        String token = (String) started.get("token");
        http.get()
                .uri("/api/v1/conversations/{id}/events?token={t}", id, token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/api/v1/conversations/{id}/events", id)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        baseUrl() + "/api/v1/conversations/" + id + "/stream?token=" + token))
                                .timeout(Duration.ofSeconds(60))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close(); // the headers are in; the stream itself never ends
        assertThat(stream.statusCode()).isEqualTo(200);

        byte[] key = ConversationTokens.keyFile(Path.of(context("chatbot.store.data-dir"), "token.key"));
        Clock weekAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC);
        String old = new ConversationTokens(key, Duration.ofDays(7), weekAgo).issue(ConversationId.of(id));
        http.get()
                .uri("/api/v1/conversations/{id}/events", id)
                .header("Authorization", "Bearer " + old)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("expired"));
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    private String context(String property) {
        return environment.getProperty(property);
    }
}
