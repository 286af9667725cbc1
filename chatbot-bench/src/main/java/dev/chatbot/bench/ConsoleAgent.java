package dev.chatbot.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent logged in to the console over HTTP the way the browser does it: the login form with its CSRF field,
 * the session cookie, and the CSRF header from {@code /api/v1/console/me} on every change. Not thread-safe.
 */
final class ConsoleAgent {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_HEADER = Pattern.compile("\"headerName\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final String url;
    private final HttpClient http;
    private String csrfHeader;
    private String csrfToken;

    private ConsoleAgent(String url) {
        this.url = url;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static ConsoleAgent login(String url, String username, String password) throws IOException, InterruptedException {
        ConsoleAgent agent = new ConsoleAgent(url);
        String form = agent.send(
                        HttpRequest.newBuilder(URI.create(url + "/login")).GET())
                .body();
        String csrf = group(CSRF_FIELD, form, "the login page's CSRF field");
        HttpResponse<String> r = agent.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf))));
        if (r.statusCode() != 302
                || !r.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new IllegalStateException("console login of " + username + " refused: " + r.statusCode());
        }
        String me = agent.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/console/me"))
                        .header("Accept", "application/json")
                        .GET())
                .body();
        agent.csrfHeader = group(CSRF_HEADER, me, "the CSRF header name");
        agent.csrfToken = group(CSRF_TOKEN, me, "the CSRF token");
        return agent;
    }

    /** POSTs JSON to a console API path ({@code /conversations/{id}/claim}, ...); returns the response. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + "/api/v1/console" + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(csrfHeader, csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs a console API path ({@code /queue}, {@code /insights}, ...); returns the response. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + "/api/v1/console" + path))
                .header("Accept", "application/json")
                .GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String group(Pattern p, String body, String what) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in " + body);
        }
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
