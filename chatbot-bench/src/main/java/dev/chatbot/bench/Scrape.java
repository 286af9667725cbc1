package dev.chatbot.bench;

import java.net.URI;
import java.net.http.HttpRequest;

/** A request for the server's Prometheus metrics, with the scrape token of {@code CHATBOT_METRICS_SCRAPE_TOKEN}. */
final class Scrape {

    private Scrape() {}

    static HttpRequest.Builder request(String baseUrl) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"));
        String token = System.getenv("CHATBOT_METRICS_SCRAPE_TOKEN");
        return token == null || token.isBlank() ? b : b.header("Authorization", "Bearer " + token);
    }
}
