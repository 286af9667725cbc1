package dev.chatbot.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent logged in to the console over real HTTP, the way a browser does it: the login form with its CSRF
 * token, the session cookie, and the CSRF header (from {@code /api/v1/console/me}) on every change.
 */
public final class ConsoleSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /** A response: status and body. */
    public record Response(int status, String body) {
        public Map<String, Object> json() {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(body, Map.class);
            return map;
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private String csrfHeader;
    private String csrfToken;

    private String forwardedFor;

    private ConsoleSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in; fails the test when the login is refused. */
    public static ConsoleSession login(String baseUrl, String username, String password) {
        ConsoleSession session = new ConsoleSession(baseUrl);
        int status = session.tryLogin(username, password);
        if (status != 302 || session.get("/api/v1/console/me").status() != 200) {
            throw new AssertionError("login of " + username + " refused (status " + status + ")");
        }
        Map<String, Object> me = session.get("/api/v1/console/me").json();
        @SuppressWarnings("unchecked")
        Map<String, String> csrf = (Map<String, String>) me.get("csrf");
        session.csrfHeader = csrf.get("headerName");
        session.csrfToken = csrf.get("token");
        return session;
    }

    /**
     * This session's requests say they are forwarded for {@code client} ({@code X-Forwarded-For}), as a reverse
     * proxy in front of the service would.
     */
    public ConsoleSession forwardedFor(String client) {
        forwardedFor = client;
        return this;
    }

    /** A session that is not logged in. */
    public static ConsoleSession anonymous(String baseUrl) {
        return new ConsoleSession(baseUrl);
    }

    /** Posts the login form; the status is 302 either way (to /console, or to /login?error). */
    public int tryLogin(String username, String password) {
        String location = loginLocation(username, password);
        return location.endsWith("/console") ? 302 : 401;
    }

    /**
     * Posts the login form and returns where it redirects: {@code /console}, {@code /login?error} or
     * {@code /login?locked=<seconds>} (empty when it did not redirect).
     */
    public String loginLocation(String username, String password) {
        Matcher m = CSRF_FIELD.matcher(
                send(HttpRequest.newBuilder(uri("/login")).GET()).body());
        if (!m.find()) {
            throw new AssertionError("the login page has no CSRF field");
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = sendRaw(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return r.statusCode() == 302 ? r.headers().firstValue("Location").orElse("") : "";
    }

    /** The session's cookies as a {@code Cookie} header value, for requests sent some other way. */
    public String cookieHeader() {
        return ((CookieManager) http.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .map(c -> c.getName() + "=" + c.getValue())
                        .collect(java.util.stream.Collectors.joining("; "));
    }

    /** The CSRF header name and token, for requests sent some other way. */
    public Map.Entry<String, String> csrf() {
        return Map.entry(csrfHeader, csrfToken);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .GET());
    }

    /** POSTs JSON with the CSRF header. */
    public Response post(String path, Object body) {
        return postWith(path, body, true);
    }

    /** PUTs JSON with the CSRF header. */
    public Response put(String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (csrfToken != null) {
            b.header(csrfHeader, csrfToken);
        }
        return send(b);
    }

    public Response postWithoutCsrf(String path, Object body) {
        return postWith(path, body, false);
    }

    private Response postWith(String path, Object body, boolean csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (csrf && csrfToken != null) {
            b.header(csrfHeader, csrfToken);
        }
        return send(b);
    }

    public Response request(String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (csrfToken != null) {
            b.header(csrfHeader, csrfToken);
        }
        return send(b);
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> r = sendRaw(request);
        return new Response(r.statusCode(), r.body());
    }

    private HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
