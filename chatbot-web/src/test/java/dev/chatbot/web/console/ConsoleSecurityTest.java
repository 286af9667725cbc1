package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.console.security.ConsoleSecurityConfiguration;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.Routes;
import dev.chatbot.web.testing.WebTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Who may use the console: logins, roles, CSRF, disabled accounts, and that the public surface stays public. */
class ConsoleSecurityTest extends WebTestBase {

    @Autowired
    ApplicationContext context;

    private List<Routes.Route> consoleRoutes() {
        List<Routes.Route> routes = Routes.of(context).stream()
                .filter(r -> r.path().startsWith("/console") || r.path().startsWith("/api/v1/console"))
                .toList();
        assertThat(routes).as("console routes found in the routers").hasSizeGreaterThan(15);
        return routes;
    }

    private static String concrete(String pattern) {
        return pattern.replace("{id}", "c-0123456789")
                .replace("{username}", "someone")
                .replace("{group}", "1")
                .replace("{messageId}", "m-1")
                .replace("{name}", "someteam")
                .replace("{chart}", "conversations");
    }

    @Test
    void anAnonymousRequestToAnyConsoleRouteIsRefusedWith401Or403() {
        ConsoleSession anonymous = ConsoleSession.anonymous(baseUrl());
        for (Routes.Route route : consoleRoutes()) {
            int status = anonymous
                    .request(route.method().name(), concrete(route.path()))
                    .status();
            assertThat(status).as(route.toString()).isIn(401, 403);
            if (route.method() == HttpMethod.GET) {
                assertThat(status)
                        .as(route + " (no CSRF involved: must say 401)")
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void escapedOrParameterisedSpellingsOfAConsolePathAreStillRefused() {
        ConsoleSession anonymous = ConsoleSession.anonymous(baseUrl());
        for (String path : List.of(
                "/api/v1/c%6Fnsole/queue",
                "/api/v1/console;x=1/queue",
                "/api/v1/console/queue;x=1",
                "/%61pi/v1/console/queue",
                "/api/v1/console%2Fqueue",
                "/api/v1/conso%6Ce/agents")) {
            assertThat(anonymous.request("GET", path).status()).as(path).isIn(400, 401, 404);
        }
    }

    @Test
    void aRefusedRequestDoesNotStallTheNextRequestOnItsConnection() throws Exception {
        // a console 401 then a firewall 400 on one keep-alive connection used to leave the next request there
        // unanswered about one time in six; one client, so its connections are reused
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int round = 0; round < 20; round++) {
            for (String path : List.of("/api/v1/console/queue", "/api/v1/console;x=1/queue", "/api/v1/console/queue")) {
                java.net.http.HttpResponse<String> r = client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                                .header("Accept", "application/json")
                                .timeout(java.time.Duration.ofSeconds(60))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("round " + round + ": " + path).isIn(400, 401);
            }
        }
    }

    @Test
    void anAnonymousBrowserOpeningTheConsoleIsSentToTheLoginForm() {
        http.get()
                .uri("/console")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .valueEquals("Location", "/login");
        http.get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("name=\"_csrf\"", "name=\"password\""));
    }

    @Test
    void anAgentMayNotUseTheAdminRoutes() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.post(
                                "/api/v1/console/agents",
                                Map.of("username", "rolecheck", "password", "agent-password-1", "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        ConsoleSession agent = ConsoleSession.login(baseUrl(), "rolecheck", "agent-password-1");
        assertThat(agent.get("/api/v1/console/queue").status()).isEqualTo(200);
        List<PathPattern> adminOnly = ConsoleSecurityConfiguration.ADMIN_ONLY.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        List<PathPattern> adminChanges = ConsoleSecurityConfiguration.ADMIN_CHANGES.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        List<Routes.Route> adminRoutes = consoleRoutes().stream()
                .filter(r -> adminOnly.stream().anyMatch(p -> p.matches(PathContainer.parsePath(concrete(r.path()))))
                        || r.method() != HttpMethod.GET
                                && adminChanges.stream()
                                        .anyMatch(p -> p.matches(PathContainer.parsePath(concrete(r.path())))))
                .toList();
        assertThat(adminRoutes)
                .extracting(Routes.Route::toString)
                .contains(
                        "GET /api/v1/console/agents",
                        "GET /api/v1/console/insights",
                        "GET /api/v1/console/unmet-needs",
                        "POST /api/v1/console/unmet-needs/{group}/intent",
                        "POST /api/v1/console/teams",
                        "DELETE /api/v1/console/teams/{name}",
                        "PUT /api/v1/console/agents/{username}/routing",
                        "GET /api/v1/console/hours",
                        "PUT /api/v1/console/hours");
        for (Routes.Route route : adminRoutes) {
            assertThat(agent.request(route.method().name(), concrete(route.path()))
                            .status())
                    .as(route.toString())
                    .isEqualTo(403);
        }
    }

    @Test
    void changesWithoutTheCsrfTokenAreRefused() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.postWithoutCsrf("/api/v1/console/presence", Map.of("status", "AWAY"))
                        .status())
                .isEqualTo(403);
        assertThat(admin.post("/api/v1/console/presence", Map.of("status", "AWAY"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordDoesNotLogIn() {
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin(ADMIN, "wrong-password"))
                .isEqualTo(401);
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin("nobody", "wrong-password"))
                .isEqualTo(401);
    }

    @Test
    void aDisabledAgentCanNeitherLogInNorKeepUsingTheirSession() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        admin.post(
                "/api/v1/console/agents", Map.of("username", "leaver", "password", "leaver-password", "role", "AGENT"));
        ConsoleSession leaver = ConsoleSession.login(baseUrl(), "leaver", "leaver-password");
        assertThat(admin.post("/api/v1/console/agents/leaver/disable", null).status())
                .isEqualTo(200);
        assertThat(leaver.get("/api/v1/console/queue").status()).isIn(401, 403);
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin("leaver", "leaver-password"))
                .isEqualTo(401);
        assertThat(admin.post("/api/v1/console/agents/leaver/enable", null).status())
                .isEqualTo(200);
        assertThat(ConsoleSession.anonymous(baseUrl()).tryLogin("leaver", "leaver-password"))
                .isEqualTo(302);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() throws Exception {
        java.nio.file.Path db =
                java.nio.file.Path.of(context.getEnvironment().getProperty("chatbot.store.data-dir"), "chatbot.db");
        StringBuilder stored = new StringBuilder();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT account FROM agent")) {
            while (rs.next()) {
                stored.append(rs.getString(1));
            }
        }
        assertThat(stored.toString()).contains("$2a$").doesNotContain(ADMIN_PASSWORD);
        assertThat(new String(java.nio.file.Files.readAllBytes(db), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void thePublicSurfaceNeedsNoLogin() {
        http.post().uri("/api/v1/conversations").exchange().expectStatus().isCreated();
        http.get().uri("/").exchange().expectStatus().isOk();
        http.get().uri("/widget.js").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/login").exchange().expectStatus().isOk();
    }
}
