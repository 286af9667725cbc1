package dev.chatbot.web.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON and insists on a 2xx answer, else throws {@link DeliveryRefusedException} with the platform's reason;
 * used by the outbound channels (blocking, JDK HTTP client).
 */
public final class HttpPoster {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1: the platforms answer it, and a plain http:// callback would pay for a refused h2c upgrade each time
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public void postJson(String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw refusal(response.statusCode(), response.body());
        }
    }

    /**
     * The reason in an error answer: the Graph API's {@code error.message} (WhatsApp), the Bot API's
     * {@code description} (Telegram), an {@code error} or {@code message} field, else the start of the text.
     */
    static DeliveryRefusedException refusal(int status, String body) {
        String reason = null;
        long code = -1;
        try {
            JsonNode root = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            JsonNode error = root.path("error");
            if (error.isObject()) {
                reason = error.path("message").asString(null);
                code = error.path("code").asLong(-1);
            } else if (root.hasNonNull("description")) {
                reason = root.path("description").asString(null);
                code = root.path("error_code").asLong(-1);
            } else if (error.isString()) {
                reason = error.asString();
            } else if (root.path("message").isString()) {
                reason = root.path("message").asString();
            }
        } catch (JacksonException e) {
            reason = body.strip();
        }
        if (reason == null || reason.isBlank()) {
            reason = "HTTP " + status;
        }
        reason = reason.replaceAll("\\s+", " ").strip();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "…";
        }
        return new DeliveryRefusedException(status, reason, code);
    }
}
