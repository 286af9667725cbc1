package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.testing.RawHttp;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The direct route answers starts and messages exactly as the WebFlux route does: every request below is sent
 * with the direct route on and again with it off, each time to a conversation of its own, and the two answers
 * must be the same (status, headers, body; ids and tokens aside). The requests cover what a chat sends and what
 * a client gets wrong; those the direct route does not take must reach WebFlux, which answers them as before.
 */
class DirectChatRouteTest extends WebTestBase {

    private static final Pattern ID = Pattern.compile("\"conversationId\":\"([A-Za-z0-9_-]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_.-]+)\"");
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Autowired
    DirectChatRoute route;

    /** How many of the last {@link #exchange}'s requests (not counting its start) the direct route answered. */
    private long taken;

    @AfterEach
    void on() {
        route.enabled(true);
    }

    /** A request: how to send it to a fresh conversation (null for a start), and whether the direct route takes it. */
    private record Case(String name, boolean message, Map<String, String> headers, byte[] body, boolean chunked,
                        boolean direct) {
    }

    private static Case start(String name, String body) {
        return new Case(name, false, JSON, body.getBytes(StandardCharsets.UTF_8), false, true);
    }

    private static Case message(String name, String body) {
        return new Case(name, true, JSON, body.getBytes(StandardCharsets.UTF_8), false, true);
    }

    /** {"text":"hi"} as JSON with one header set (added, or replacing Content-Type; an empty Authorization: none). */
    private static Case hi(String name, boolean message, boolean direct, String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(JSON);
        headers.put(header, value);
        return new Case(name, message, headers, "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), false, direct);
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(start("a start with a question", "{\"text\":\"how do I reset my password?\",\"clientMessageId\":\"m-1\"}"));
        cases.add(start("an empty start", "{}"));
        cases.add(start("a start with channel and locale", "{\"channel\":\"web\",\"locale\":\"de-CH\",\"text\":\"hello\"}"));
        cases.add(start("JSON null", "null"));
        cases.add(start("a field of another type", "{\"text\":5}"));
        cases.add(start("malformed JSON", "{\"text\":\"hi\""));
        cases.add(start("an array", "[1,2]"));
        cases.add(start("trailing data", "{\"text\":\"hi\"} {\"text\":\"again\"}"));
        cases.add(start("a bad channel", "{\"channel\":\"Web Shop\"}"));
        cases.add(start("a bad locale", "{\"locale\":\"english please\"}"));
        cases.add(start("a message id without text", "{\"clientMessageId\":\"m-2\"}"));
        cases.add(start("blank text", "{\"text\":\"   \"}"));
        cases.add(start("only a zero-width space", "{\"text\":\"\\u200b\"}"));
        cases.add(start("text over the limit", "{\"text\":\"" + "a".repeat(2001) + "\"}"));
        cases.add(start("unknown fields", "{\"text\":\"where is my order?\",\"colour\":\"blue\"}"));
        cases.add(start("emoji and right-to-left text", "{\"text\":\"\u0645\u0631\u062d\u0628\u0627 \uD83D\uDE00 <script>alert(1)</script>\"}"));
        cases.add(new Case("invalid UTF-8", false, JSON, new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, '"', '}'}, false, true));
        cases.add(hi("a charset", false, true, "Content-Type", "application/json; charset=UTF-8"));
        cases.add(hi("an allowed widget origin", false, true, "Origin", "https://shop.example"));
        cases.add(hi("the page's own origin (the demo page)", false, true, "Origin", "http://127.0.0.1:" + port));
        cases.add(hi("an origin not allowed", false, false, "Origin", "https://evil.example"));
        cases.add(new Case("a chunked body", false, JSON, "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), true,
                false));
        cases.add(hi("text/plain", false, false, "Content-Type", "text/plain"));
        cases.add(hi("an Accept it cannot answer", false, false, "Accept", "text/html"));
        cases.add(hi("a header with a control character", false, false, "X-Note", "a\u0001b"));
        cases.add(message("a question", "{\"text\":\"can I return a gift?\",\"clientMessageId\":\"m-3\"}"));
        cases.add(message("thanks", "{\"text\":\"thanks\"}"));
        cases.add(message("JSON null", "null"));
        cases.add(message("no text", "{}"));
        cases.add(message("text of another type", "{\"text\":true}"));
        cases.add(message("malformed JSON", "{\"text\":"));
        cases.add(message("a bad message id", "{\"text\":\"hi\",\"clientMessageId\":\"has spaces in it\"}"));
        cases.add(message("text over the limit", "{\"text\":\"" + "b".repeat(2001) + "\"}"));
        cases.add(hi("no token", true, true, "Authorization", ""));
        cases.add(hi("a wrong token", true, true, "Authorization", "Bearer not-the-token"));
        return cases;
    }

    @Test
    void everyRequestIsAnsweredAsWebFluxAnswersIt() {
        for (Case c : cases()) {
            String direct = exchange(c);
            assertThat(taken).as(c.name() + ": taken by the direct route").isEqualTo(c.direct() ? 1 : 0);
            route.enabled(false);
            String webflux = exchange(c);
            assertThat(taken).as(c.name() + ": the direct route is off").isZero();
            route.enabled(true);
            assertThat(direct).as(c.name()).isEqualTo(webflux);
        }
    }

    @Test
    void theDirectRouteCountsItsRequestsInTheHttpMetric() {
        String id = started();
        exchange(message("a question", "{\"text\":\"where is my parcel?\"}"));
        String metrics = http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(id).isNotBlank();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{error=\"none\",exception=\"none\","
                + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/conversations/\\{id\\}/messages\"\\} [1-9]");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{error=\"none\",exception=\"none\","
                + "method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/conversations\"\\} [1-9]");
    }

    @Test
    void aRefusalIsCountedUnderTheTagsWebFluxGivesIt() {
        for (Case c : List.of(hi("a wrong token", true, true, "Authorization", "Bearer not-the-token"),
                start("malformed JSON", "{\"text\":"), start("a bad channel", "{\"channel\":\"Web Shop\"}"))) {
            Map<String, Double> before = refusals();
            exchange(c);
            Map<String, Double> direct = refusals();
            route.enabled(false);
            exchange(c);
            route.enabled(true);
            assertThat(counted(direct, refusals())).as(c.name()).isNotEmpty().isEqualTo(counted(before, direct));
        }
    }

    /** The {@code http.server.requests} series of refused chat requests (their tags) and their counts. */
    private Map<String, Double> refusals() {
        String metrics = http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Map<String, Double> series = new TreeMap<>();
        metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("outcome=\"CLIENT_ERROR\"") && l.contains("uri=\"/api/v1/conversations"))
                .forEach(l -> series.put(l.substring(0, l.lastIndexOf('}') + 1),
                        Double.parseDouble(l.substring(l.lastIndexOf('}') + 1).strip())));
        return series;
    }

    /** The series whose count grew from {@code before} to {@code after}. */
    private static List<String> counted(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0.0))
                .map(Map.Entry::getKey).toList();
    }

    /** The answer to {@code c} as text: status, headers in name order, body; ids and tokens replaced by names. */
    private String exchange(Case c) {
        String target = "/api/v1/conversations";
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        String id = null;
        String token = null;
        if (c.message()) {
            RawHttp.Response started = RawHttp.send(port, "POST", target, JSON, "{}".getBytes(StandardCharsets.UTF_8));
            id = group(ID, started.text());
            token = group(TOKEN, started.text());
            target += "/" + id + "/messages";
            headers.putIfAbsent("Authorization", "Bearer " + token);
            if (headers.get("Authorization").isEmpty()) {
                headers.remove("Authorization");
            }
        }
        long before = route.answered();
        RawHttp.Response r = RawHttp.send(port, "POST", target, headers, c.body(), c.chunked());
        taken = route.answered() - before;
        String body = r.text();
        String newId = group(ID, body);
        if (newId != null) {
            id = newId;
            token = group(TOKEN, body);
        }
        Map<String, String> sorted = new TreeMap<>(r.headers());
        sorted.remove("date");
        String out = r.status() + " " + sorted + " " + body;
        if (id != null) {
            out = out.replace(id, "<id>");
        }
        if (token != null) {
            out = out.replace(token, "<token>");
        }
        return out;
    }

    private String started() {
        return group(ID, RawHttp.send(port, "POST", "/api/v1/conversations", JSON,
                "{}".getBytes(StandardCharsets.UTF_8)).text());
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
