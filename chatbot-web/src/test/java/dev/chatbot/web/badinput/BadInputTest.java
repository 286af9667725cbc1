package dev.chatbot.web.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.RawHttp;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated bad input against the running service (chat API, generic webhook, console API), over raw sockets
 * so nothing is cleaned up on the way: malformed JSON, wrong types, huge bodies, invalid UTF-8, control
 * characters, very long tokens, emoji and right-to-left text, script injection, path tricks in ids. Every
 * answer must be below 500; every error must be JSON {@code {"error", "message"}} without stack traces or class
 * names, also for a target that is not a URI at all ({@code /api/v1/conversations/%zz}); a field of the wrong
 * JSON type ({@code {"text": 5}}) is refused with a message naming it, not converted; text the service accepted
 * must read back unchanged; and a conversation created before the suite must still return exactly the same
 * history afterwards. Random inputs come from a fixed seed (printed on failure) so a failure can be replayed.
 * Each test collects every violation and reports them all at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends WebTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SEED = Long.getLong("badinput.seed", 20261127L);
    /** Java/Spring/Netty internals that must never reach a client. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|springframework|reactor\\.|netty|jackson|dev\\.chatbot");

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private Conversation witness;
    private String witnessHistory;
    private int requests;

    record Conversation(String id, String token) {
        Map<String, String> auth() {
            return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        }
    }

    // ---------------------------------------------------------------- inputs

    /** Strings that are hard on a text pipeline: valid Unicode (may be accepted), checked for a clean round trip. */
    private static final List<String> NASTY_TEXTS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(document.cookie)",
            "'; DROP TABLE conversations; --",
            "{{7*7}} ${7*7} #{7*7}",
            "${jndi:ldap://127.0.0.1/a}",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2f",
            "\u0000",
            "a\u0000b",
            "\u0001\u0002\u0003\u0007\u0008\u000b\u000c\u001b[31mred",
            "line\nbreak\r\nand\ttab",
            "\u2028\u2029",
            "\u007f\u0085\u009f",
            "\ufeffbom",
            "\u200b\u200c\u200d\u2060",
            "\u202eevil\u202c",
            "\u202b\u05e9\u05dc\u05d5\u05dd\u202c",
            "مرحبا، متى تفتحون؟",
            "שלום, מתי אתם פתוחים?",
            "Где мой заказ?",
            "我的订单在哪里？",
            "注文はどこですか",
            "😀😃🙈🏳️‍🌈👩‍👩‍👧‍👦",
            "🇩🇪🇨🇭",
            "Z̷͉̈a̶̱͝l̴̩̊g̸̫̈o̵͇͝",
            "e\u0301\u0301\u0301\u0301",
            "\uFFFD\uFFFE\uFFFF",
            "\uD83D\uDE00".repeat(500),
            "x".repeat(2000),
            "supercalifragilistic".repeat(99),
            "a".repeat(1999) + "😀",
            "where is my order " + "very".repeat(400),
            "%00%0d%0aSet-Cookie: a=b",
            "null",
            "undefined",
            "NaN",
            "true",
            "[]",
            "{}",
            "\"",
            "\\",
            "\\u0000",
            " \u00a0 text with nbsp \u3000");

    /** Bodies that are not the JSON the endpoint expects. */
    private static final List<byte[]> BAD_BODIES = List.of(
            b(""),
            b(" "),
            b("{"),
            b("}"),
            b("["),
            b("null"),
            b("true"),
            b("123"),
            b("\"just a string\""),
            b("[]"),
            b("{\"text\":"),
            b("{\"text\":\"unterminated"),
            b("{'text':'single quotes'}"),
            b("{text:1}"),
            b("{\"text\":5}"),
            b("{\"text\":1e400}"),
            b("{\"text\":true}"),
            b("{\"text\":[]}"),
            b("{\"text\":{}}"),
            b("{\"text\":null}"),
            b("{\"text\":\"hi\",\"clientMessageId\":5}"),
            b("{\"text\":\"hi\",\"clientMessageId\":{}}"),
            b("{\"text\":\"hi\",\"clientMessageId\":\"../../x\"}"),
            b("{\"text\":\"hi\",\"clientMessageId\":\"" + "c".repeat(5000) + "\"}"),
            b("{\"helpful\":\"maybe\"}"),
            b("{\"helpful\":1e999999}"),
            b("{\"helpful\":[true]}"),
            b("{\"channel\":5,\"locale\":[]}"),
            b("{\"channel\":\"../..\",\"locale\":\"en\\u0000\"}"),
            b("{\"channel\":\"" + "w".repeat(5000) + "\"}"),
            b("{\"status\":{\"$ne\":null}}"),
            b("{\"text\":\"a\"}{\"text\":\"b\"}"),
            b("{\"text\":\"a\",\"text\":\"b\"}"),
            b("{\"text\":\"a\"} trailing"),
            b("[".repeat(5000)),
            b("{\"a\":".repeat(2000)),
            b("[" + "1,".repeat(5000) + "1]"),
            b("9".repeat(10000)),
            b("{\"text\":\"\\ud800\"}"),
            b("{\"text\":\"\\udc00\\ud800\"}"),
            b("{\"text\":\"\\u00\"}"),
            b("{\"text\":\"\\x41\"}"),
            b("\ufeff{\"text\":\"bom\"}"),
            b("<?xml version=\"1.0\"?><text>hi</text>"),
            b("text=hi&clientMessageId=1"),
            bytes("{\"text\":\"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, "\"}"),
            bytes("{\"text\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
            bytes("{\"text\":\"a", new byte[] {0}, "b\"}"),
            bytes("{\"text\":\"a", new byte[] {0x1b, 0x07}, "b\"}"),
            bytes("", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, '{', 0, '}'}, ""),
            b("{\"text\":\"" + "x".repeat(15000) + "\"}"));

    /** Path segments used as ids: traversal, encoding tricks, injection, very long. */
    private static final List<String> BAD_IDS = List.of(
            "..",
            "%2e%2e",
            "%2E%2E",
            "..%2f..%2fetc%2fpasswd",
            "%2e%2e%2f%2e%2e%2fconsole",
            "..%5c..%5c",
            "%252e%252e",
            ".%00.",
            "%00",
            "%0d%0aSet-Cookie:%20a=b",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%F0%9F%98%80",
            "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
            "%ff%fe",
            "%C0%AF",
            "%zz",
            "%",
            "a;b=c",
            ";jsessionid=1",
            "~root",
            "CON",
            "null",
            "-1",
            "0",
            "%20",
            "a%2fb",
            "x".repeat(1000),
            "y".repeat(3000),
            "%2e".repeat(500),
            "00000000-0000-0000-0000-000000000000");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String prefix, byte[] middle, String suffix) {
        byte[] p = b(prefix);
        byte[] s = b(suffix);
        byte[] out = new byte[p.length + middle.length + s.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(middle, 0, out, p.length, middle.length);
        System.arraycopy(s, 0, out, p.length + middle.length, s.length);
        return out;
    }

    /** A random string from hard alphabets (valid UTF-16 only), up to {@code max} chars. */
    private String randomText(int max) {
        int[][] ranges = {
            {0x20, 0x7e},
            {0x00, 0x1f},
            {0x7f, 0x9f},
            {0xa0, 0x24f},
            {0x0590, 0x05ff},
            {0x0600, 0x06ff},
            {0x0300, 0x036f},
            {0x200b, 0x206f},
            {0x4e00, 0x4fff},
            {0x1f600, 0x1f64f},
            {0x1f300, 0x1f5ff},
            {0xfff0, 0xfffd},
            {0x10000, 0x1007f}
        };
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? max : Math.min(max, 80));
        StringBuilder sb = new StringBuilder();
        int[] range = ranges[random.nextInt(ranges.length)];
        while (sb.length() < length) {
            if (random.nextInt(8) == 0) {
                range = ranges[random.nextInt(ranges.length)];
            }
            int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
            if (cp >= 0xd800 && cp <= 0xdfff) {
                continue;
            }
            sb.appendCodePoint(cp);
        }
        return sb.length() > max
                ? sb.substring(0, max - (Character.isHighSurrogate(sb.charAt(max - 1)) ? 1 : 0))
                : sb.toString();
    }

    // ---------------------------------------------------------------- checks

    private RawHttp.Response call(String what, String method, String target, Map<String, String> headers, byte[] body) {
        return call(what, method, target, headers, body, false);
    }

    private RawHttp.Response call(
            String what, String method, String target, Map<String, String> headers, byte[] body, boolean chunked) {
        requests++;
        // every request must be answered (RawHttp gives up after a generous read deadline: "no answer" below);
        // how fast is for the benchmarks
        RawHttp.Response r = RawHttp.send(port, method, target, headers, body, chunked);
        check(what + " [" + method + " " + abbreviate(target) + "]", r);
        return r;
    }

    private void check(String what, RawHttp.Response r) {
        if (r.status() < 0) {
            failures.add(what + ": no answer (" + r.text() + ")");
            return;
        }
        if (r.status() >= 500) {
            failures.add(what + ": " + r);
            return;
        }
        if (r.status() >= 400) {
            String type = r.header("content-type");
            if (type == null || !type.startsWith("application/json")) {
                failures.add(what + ": error " + r.status() + " is not JSON (Content-Type " + type + "): " + r);
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(r.text());
            } catch (RuntimeException e) {
                failures.add(what + ": error body is not JSON: " + r);
                return;
            }
            if (!node.isObject()
                    || !node.path("error").isString()
                    || !node.path("message").isString()
                    || node.size() != 2) {
                failures.add(what + ": error body is not {\"error\",\"message\"}: " + r);
            }
            if (LEAK.matcher(r.text()).find()) {
                failures.add(what + ": error body leaks internals: " + r);
            }
        }
    }

    /**
     * A change without a session, a CSRF token or with a forged session cookie must be refused as such (401, 403); a
     * target with dot segments is refused before that by the firewall (400).
     */
    private void refused(String what, RawHttp.Response r) {
        boolean dotSegments =
                what.contains("..") || what.toLowerCase(java.util.Locale.ROOT).contains("%2e%2e");
        if (r.status() != 401 && r.status() != 403 && !(dotSegments && r.status() == 400)) {
            failures.add(what + ": expected 401 or 403" + (dotSegments ? " or 400" : "") + ", got " + r);
        }
    }

    private void report(String area) {
        List<String> found = List.copyOf(failures);
        failures.clear();
        assertThat(found)
                .as(area + " (seed " + SEED + ", " + requests + " requests so far)")
                .isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + ")" : s;
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Conversation start() {
        RawHttp.Response r = RawHttp.send(
                port,
                "POST",
                "/api/v1/conversations",
                Map.of("Content-Type", "application/json"),
                b("{\"channel\":\"web\",\"locale\":\"en\"}"));
        assertThat(r.status()).as("start: %s", r).isEqualTo(201);
        JsonNode node = JSON.readTree(r.text());
        return new Conversation(
                node.get("conversationId").asString(), node.get("token").asString());
    }

    /** The customer's first message, so the conversation can go to a person. */
    private void said(Conversation c) {
        Map<String, String> headers = new LinkedHashMap<>(c.auth());
        headers.put("Content-Type", "application/json");
        RawHttp.Response r = RawHttp.send(
                port,
                "POST",
                "/api/v1/conversations/" + c.id() + "/messages",
                headers,
                b("{\"text\":\"How much does delivery cost?\"}"));
        assertThat(r.status()).as("message: %s", r).isEqualTo(200);
    }

    private String history(Conversation c) {
        RawHttp.Response r = RawHttp.send(port, "GET", "/api/v1/conversations/" + c.id() + "/events", c.auth(), null);
        assertThat(r.status()).as("history of %s: %s", c.id(), r).isEqualTo(200);
        return r.text();
    }

    private List<String> customerTexts(Conversation c) {
        List<String> texts = new ArrayList<>();
        RawHttp.Response r = RawHttp.send(port, "GET", "/api/v1/conversations/" + c.id() + "/events", c.auth(), null);
        check("history of a fuzzed conversation", r);
        if (r.status() == 200) {
            for (JsonNode e : JSON.readTree(r.text()).get("events")) {
                if (e.path("type").asString().equals("MessageReceived")) {
                    texts.add(e.path("text").asString());
                }
            }
        }
        return texts;
    }

    // ---------------------------------------------------------------- the suite

    @BeforeAll
    void createWitness() {
        witness = start();
        for (String text : List.of("How much does delivery cost?", "Can I return an item?")) {
            RawHttp.Response r = RawHttp.send(
                    port,
                    "POST",
                    "/api/v1/conversations/" + witness.id() + "/messages",
                    witness.auth(),
                    b(json(Map.of("text", text))));
            assertThat(r.status()).as("witness message: %s", r).isEqualTo(200);
        }
        witnessHistory = history(witness);
        assertThat(witnessHistory).contains("How much does delivery cost?", "Can I return an item?");
    }

    @AfterAll
    void storedDataIsIntact() {
        assertThat(history(witness))
                .as("the witness conversation's history after %d bad requests", requests)
                .isEqualTo(witnessHistory);
    }

    @Test
    void chatApiRefusesBadBodiesCleanlyAndStoresOddTextExactly() {
        Conversation c = start();
        String base = "/api/v1/conversations/" + c.id();
        for (byte[] body : BAD_BODIES) {
            String label = "body " + abbreviate(new String(body, StandardCharsets.UTF_8));
            call("start, " + label, "POST", "/api/v1/conversations", Map.of("Content-Type", "application/json"), body);
            call("feedback, " + label, "POST", base + "/feedback", c.auth(), body);
            Conversation fresh =
                    start(); // a fresh one each time, so the per-conversation rate limit is not what answers
            call("message, " + label, "POST", "/api/v1/conversations/" + fresh.id() + "/messages", fresh.auth(), body);
        }
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/json; charset=ISO-8859-1",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "*/*",
                "garbage",
                "")) {
            Conversation fresh = start();
            call(
                    "content type " + type,
                    "POST",
                    "/api/v1/conversations/" + fresh.id() + "/messages",
                    Map.of("Authorization", "Bearer " + fresh.token(), "Content-Type", type),
                    b("{\"text\":\"hello\"}"));
        }
        for (String accept : List.of("garbage", "text/html", "application/xml", "image/png", "*/*;q=x")) {
            Conversation fresh = start();
            call(
                    "accept " + accept,
                    "POST",
                    "/api/v1/conversations/" + fresh.id() + "/messages",
                    Map.of(
                            "Authorization",
                            "Bearer " + fresh.token(),
                            "Content-Type",
                            "application/json",
                            "Accept",
                            accept),
                    b("{\"text\":\"hello\"}"));
        }
        // huge bodies: declared (refused before reading) and chunked (capped while reading)
        for (int size : new int[] {20_000, 200_000, 2_000_000}) {
            byte[] huge = b("{\"text\":\"" + "h".repeat(size) + "\"}");
            call("declared huge body " + size, "POST", base + "/messages", c.auth(), huge);
            call("chunked huge body " + size, "POST", base + "/messages", c.auth(), huge, true);
        }
        // odd but valid text: accepted or refused cleanly; what is accepted reads back exactly
        List<String> texts = new ArrayList<>(NASTY_TEXTS);
        for (int i = 0; i < 120; i++) {
            texts.add(randomText(i % 10 == 0 ? 2100 : 300));
        }
        Conversation target = null;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", text);
            if (i % 3 == 0) {
                body.put("clientMessageId", randomText(40));
            }
            if (i % 8 == 0) { // every eighth text starts a conversation, as the widget sends a first message
                verifyRoundTrip(target, sent);
                sent = new ArrayList<>();
                RawHttp.Response r = call(
                        "start with text " + abbreviate(text),
                        "POST",
                        "/api/v1/conversations",
                        Map.of("Content-Type", "application/json"),
                        b(json(body)));
                if (r.status() == 201) {
                    JsonNode node = JSON.readTree(r.text());
                    target = new Conversation(
                            node.get("conversationId").asString(),
                            node.get("token").asString());
                    sent.add(text);
                } else {
                    target = start();
                }
                continue;
            }
            RawHttp.Response r = call(
                    "message text " + abbreviate(text),
                    "POST",
                    "/api/v1/conversations/" + target.id() + "/messages",
                    target.auth(),
                    b(json(body)));
            if (r.status() == 200) {
                sent.add(text);
            }
        }
        verifyRoundTrip(target, sent);
        report("chat API");
    }

    private void verifyRoundTrip(Conversation c, List<String> sent) {
        if (c == null) {
            return;
        }
        List<String> stored = customerTexts(c);
        if (!stored.equals(sent)) {
            failures.add("conversation " + c.id() + " stored "
                    + stored.stream().map(BadInputTest::abbreviate).toList() + " but was sent "
                    + sent.stream().map(BadInputTest::abbreviate).toList());
        }
    }

    @Test
    void chatApiPathsQueriesAndTokensAreRefusedCleanly() {
        Conversation c = start();
        for (String id : BAD_IDS) {
            for (String suffix : List.of("/messages", "/handoff", "/feedback", "/events", "/stream", "")) {
                String method =
                        suffix.equals("/events") || suffix.equals("/stream") || suffix.isEmpty() ? "GET" : "POST";
                call(
                        "id " + abbreviate(id),
                        method,
                        "/api/v1/conversations/" + id + suffix,
                        c.auth(),
                        method.equals("POST") ? b("{\"text\":\"hi\",\"helpful\":true}") : null);
            }
            call(
                    "token " + abbreviate(id),
                    "GET",
                    "/api/v1/conversations/" + c.id() + "/events?token=" + id,
                    Map.of(),
                    null);
            call(
                    "after " + abbreviate(id),
                    "GET",
                    "/api/v1/conversations/" + c.id() + "/events?after=" + id,
                    c.auth(),
                    null);
            call(
                    "Last-Event-ID " + abbreviate(id),
                    "GET",
                    "/api/v1/conversations/" + c.id() + "/stream",
                    Map.of(
                            "Authorization",
                            "Bearer " + c.token(),
                            "Last-Event-ID",
                            id.length() > 500 ? id.substring(0, 500) : id),
                    null);
        }
        for (String after :
                List.of("99999999999999999999", "-1", "1e3", "0x10", "NaN", "%00", "9223372036854775807", "1,2")) {
            call("after " + after, "GET", "/api/v1/conversations/" + c.id() + "/events?after=" + after, c.auth(), null);
        }
        for (String auth : List.of(
                "",
                "Bearer",
                "Bearer ",
                "Basic YTpi",
                "Bearer " + "t".repeat(4000),
                "Bearer " + c.token() + "x",
                "bearer " + c.token().toUpperCase(),
                "Bearer \u00ff\u00fe",
                "Bearer ../../" + c.token())) {
            call(
                    "authorization " + abbreviate(auth),
                    "POST",
                    "/api/v1/conversations/" + c.id() + "/messages",
                    Map.of("Authorization", auth, "Content-Type", "application/json"),
                    b("{\"text\":\"hi\"}"));
        }
        for (String path : List.of(
                "/api/v1/conversations/../../console",
                "/api/v1/../v1/conversations",
                "/api/v1/conversations/%2e%2e/%2e%2e/console",
                "/api//v1/conversations",
                "/api/v1/conversations/",
                "/api/v1/conversations/" + c.id() + "/messages/..",
                "/api/v1/conversations/" + c.id() + "/../x/events",
                "/api/v1/nothing-here",
                "/webhooks/nothing",
                "/api/v1/conversations?x=%zz",
                "/api/v1/conversations/\u00ff/events",
                "/api/v1/conversations/a%5cb/events",
                "/api/v1/conversations/%00/events")) {
            call("path " + path, "GET", path, Map.of(), null);
            call("path " + path, "POST", path, Map.of("Content-Type", "application/json"), b("{}"));
        }
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
            call("method " + method, method, "/api/v1/conversations/" + c.id() + "/messages", c.auth(), b("{}"));
        }
        report("chat API paths");
    }

    @Test
    void genericWebhookRefusesBadBodiesAndSignaturesCleanly() {
        for (byte[] body : BAD_BODIES) {
            call(
                    "signed webhook body " + abbreviate(new String(body, StandardCharsets.UTF_8)),
                    "POST",
                    "/webhooks/generic",
                    signed(body),
                    body);
        }
        List<Map<String, Object>> shapes = new ArrayList<>();
        shapes.add(Map.of("messageId", 5, "userId", "u", "text", "hi"));
        shapes.add(Map.of("messageId", "m", "userId", List.of(), "text", "hi"));
        shapes.add(Map.of("messageId", "m", "userId", "u", "text", Map.of()));
        shapes.add(Map.of("messageId", "m " + "with spaces", "userId", "u", "text", "hi"));
        shapes.add(Map.of("messageId", "m".repeat(300), "userId", "u", "text", "hi"));
        shapes.add(Map.of("messageId", "m", "userId", "u".repeat(300), "text", "hi"));
        shapes.add(Map.of("messageId", "m", "userId", "u", "text", "x".repeat(2001)));
        for (Map<String, Object> shape : shapes) {
            byte[] body = b(json(shape));
            call("webhook shape " + abbreviate(json(shape)), "POST", "/webhooks/generic", signed(body), body);
        }
        List<String> odd = new ArrayList<>(NASTY_TEXTS);
        for (int i = 0; i < 40; i++) {
            odd.add(randomText(200));
        }
        for (String s : odd) { // as text, as user id and as message id
            for (String field : List.of("text", "userId", "messageId")) {
                Map<String, Object> in = new LinkedHashMap<>();
                in.put("messageId", "wh-" + UUID.randomUUID());
                in.put("userId", "fuzz-" + UUID.randomUUID());
                in.put("text", "hello");
                in.put(field, s);
                byte[] body = b(json(in));
                call("webhook " + field + " " + abbreviate(s), "POST", "/webhooks/generic", signed(body), body);
            }
        }
        byte[] good = b(json(Map.of("messageId", "wh-sig", "userId", "sig-user", "text", "hi")));
        long now = Instant.now().getEpochSecond();
        List<Map<String, String>> headers = List.of(
                Map.of(),
                Map.of("X-Chatbot-Timestamp", Long.toString(now)),
                Map.of("X-Chatbot-Timestamp", "yesterday", "X-Chatbot-Signature", "sha256=00"),
                Map.of("X-Chatbot-Timestamp", "99999999999999999999999", "X-Chatbot-Signature", "sha256=00"),
                Map.of("X-Chatbot-Timestamp", "-1", "X-Chatbot-Signature", "sha256=00"),
                Map.of("X-Chatbot-Timestamp", Long.toString(now), "X-Chatbot-Signature", "sha256=" + "z".repeat(5000)),
                Map.of("X-Chatbot-Timestamp", Long.toString(now), "X-Chatbot-Signature", "\u00ff\u00fe"),
                Map.of(
                        "X-Chatbot-Timestamp",
                        Long.toString(now - 3600),
                        "X-Chatbot-Signature",
                        "sha256="
                                + Hmacs.sha256Hex(
                                        GENERIC_SECRET,
                                        b((now - 3600) + "." + new String(good, StandardCharsets.UTF_8)))));
        for (Map<String, String> h : headers) {
            Map<String, String> all = new LinkedHashMap<>(h);
            all.put("Content-Type", "application/json");
            call("webhook signature headers " + abbreviate(h.toString()), "POST", "/webhooks/generic", all, good);
        }
        byte[] huge = b("{\"messageId\":\"h\",\"userId\":\"h\",\"text\":\"" + "h".repeat(2_000_000) + "\"}");
        call("webhook declared huge body", "POST", "/webhooks/generic", signed(huge), huge);
        call("webhook chunked huge body", "POST", "/webhooks/generic", signed(huge), huge, true);
        report("generic webhook");
    }

    private static List<String> agentReplies(RawHttp.Response view) {
        List<String> replies = new ArrayList<>();
        if (view.status() == 200) {
            for (JsonNode e : JSON.readTree(view.text()).get("events")) {
                if (e.path("type").asString().equals("AgentReplied")) {
                    replies.add(e.path("text").asString());
                }
            }
        }
        return replies;
    }

    private static Map<String, String> signed(byte[] body) {
        long now = Instant.now().getEpochSecond();
        byte[] prefix = b(now + ".");
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return Map.of(
                "Content-Type",
                "application/json",
                "X-Chatbot-Timestamp",
                Long.toString(now),
                "X-Chatbot-Signature",
                "sha256=" + Hmacs.sha256Hex(GENERIC_SECRET, message));
    }

    // ---------------------------------------------------------------- wrong types

    /** JSON values that are not strings (raw JSON): numbers, a number beyond double, booleans, an array, an object. */
    private static final List<String> NOT_STRINGS =
            List.of("5", "-1.5", "1e400", "true", "false", "[\"x\"]", "{\"x\":\"y\"}");
    /** JSON values that are not {@code true} or {@code false}, including strings and numbers that read like them. */
    private static final List<String> NOT_BOOLEANS =
            List.of("\"yes\"", "\"true\"", "\"false\"", "\"\"", "1", "0", "0.5", "[true]", "{}");

    /** One wrong-typed body: where it goes and the message that must answer it. */
    record Typed(String endpoint, String target, Map<String, String> headers, String body, String message) {}

    /** {@code base} (field to raw JSON value) with {@code field} set to {@code value}, as a JSON object. */
    private static String withField(Map<String, String> base, String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(base);
        fields.put(field, value);
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return sb.append('}').toString();
    }

    /** Every field of {@code base} in {@code fields}, given every one of {@code values}, must be refused with "field" + expected. */
    private static void wrongTypes(
            List<Typed> cases,
            String endpoint,
            String target,
            Map<String, String> headers,
            Map<String, String> base,
            List<String> fields,
            List<String> values,
            String expected) {
        for (String field : fields) {
            for (String value : values) {
                cases.add(new Typed(
                        endpoint,
                        target,
                        headers,
                        withField(base, field, value),
                        "\"" + field + "\" must be " + expected));
            }
        }
    }

    private void requireRefused(Typed c, RawHttp.Response r) {
        String what = c.endpoint() + " " + abbreviate(c.body());
        if (r.status() != 400) {
            failures.add(what + ": expected 400 naming the field, got " + r);
            return;
        }
        String message = r.text().startsWith("{")
                ? JSON.readTree(r.text()).path("message").asString()
                : "";
        if (!message.contains(c.message())) {
            failures.add(what + ": expected a message with '" + c.message() + "', got " + r);
        }
    }

    @Test
    void everyBodyFieldRefusesAValueOfTheWrongTypeNamingTheField() {
        List<Typed> cases = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        wrongTypes(
                cases,
                "start",
                "/api/v1/conversations",
                json,
                Map.of("channel", "\"web\"", "locale", "\"en\""),
                List.of("channel", "locale"),
                NOT_STRINGS,
                "a string");
        wrongTypes(
                cases,
                "start with a first message",
                "/api/v1/conversations",
                json,
                Map.of("channel", "\"web\"", "text", "\"hello\"", "clientMessageId", "\"m-1\""),
                List.of("text", "clientMessageId"),
                NOT_STRINGS,
                "a string");
        Conversation c = start();
        String feedback = "/api/v1/conversations/" + c.id() + "/feedback";
        wrongTypes(
                cases,
                "feedback",
                feedback,
                c.auth(),
                Map.of("helpful", "true", "comment", "\"ok\""),
                List.of("helpful"),
                NOT_BOOLEANS,
                "true or false");
        wrongTypes(
                cases,
                "feedback",
                feedback,
                c.auth(),
                Map.of("helpful", "true", "comment", "\"ok\""),
                List.of("comment"),
                NOT_STRINGS,
                "a string");
        Map<String, String> webhook = new LinkedHashMap<>();
        webhook.put("messageId", "\"wh-typed\"");
        webhook.put("userId", "\"typed-user\"");
        webhook.put("text", "\"hi\"");
        wrongTypes(
                cases,
                "webhook",
                "/webhooks/generic",
                null,
                webhook,
                List.of("messageId", "userId", "text"),
                NOT_STRINGS,
                "a string");

        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, String> session = new LinkedHashMap<>();
        session.put("Cookie", admin.cookieHeader());
        session.put(admin.csrf().getKey(), admin.csrf().getValue());
        session.put("Content-Type", "application/json");
        Conversation escalated = start();
        said(escalated);
        assertThat(RawHttp.send(
                                port,
                                "POST",
                                "/api/v1/conversations/" + escalated.id() + "/handoff",
                                escalated.auth(),
                                null)
                        .status())
                .isEqualTo(200);
        String console = "/api/v1/console/conversations/" + escalated.id();
        assertThat(RawHttp.send(port, "POST", console + "/claim", session, b("{}"))
                        .status())
                .isEqualTo(200);
        wrongTypes(
                cases,
                "console reply",
                console + "/replies",
                session,
                Map.of("text", "\"hi\""),
                List.of("text"),
                NOT_STRINGS,
                "a string");
        wrongTypes(
                cases,
                "console label",
                console + "/labels",
                session,
                Map.of("messageId", "\"m-1\"", "intent", "\"greeting\""),
                List.of("messageId", "intent"),
                NOT_STRINGS,
                "a string");
        wrongTypes(
                cases,
                "console presence",
                "/api/v1/console/presence",
                session,
                Map.of("status", "\"ONLINE\""),
                List.of("status"),
                NOT_STRINGS,
                "a string");
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("username", "\"typed-agent\"");
        agent.put("password", "\"typed-agent-password\"");
        agent.put("role", "\"AGENT\"");
        wrongTypes(
                cases,
                "console new agent",
                "/api/v1/console/agents",
                session,
                agent,
                List.of("username", "password", "role"),
                NOT_STRINGS,
                "a string");
        // group 9999 does not exist: nothing is written even if a body got through
        String intent = "/api/v1/console/unmet-needs/9999/intent";
        Map<String, String> newIntent = new LinkedHashMap<>();
        newIntent.put("name", "\"typed_intent\"");
        newIntent.put("answer", "\"an answer\"");
        newIntent.put("category", "\"typed\"");
        newIntent.put("examples", "[\"an example\"]");
        wrongTypes(
                cases,
                "console new intent",
                intent,
                session,
                newIntent,
                List.of("name", "answer", "category"),
                NOT_STRINGS,
                "a string");
        wrongTypes(
                cases,
                "console new intent",
                intent,
                session,
                newIntent,
                List.of("examples"),
                List.of("5", "true", "\"one example\"", "{\"x\":\"y\"}"),
                "a list");
        for (String element : List.of("1", "true", "{}")) {
            cases.add(new Typed(
                    "console new intent",
                    intent,
                    session,
                    withField(newIntent, "examples", "[" + element + "]"),
                    "\"examples[0]\" must be a string"));
        }
        // Jackson 3.1's List<String> reader takes a nested array's first element and loses its place; the body
        // is still refused (trailing tokens), with the general message rather than the field's
        cases.add(new Typed(
                "console new intent",
                intent,
                session,
                withField(newIntent, "examples", "[[\"x\"]]"),
                "the body is not valid JSON of the expected shape"));

        for (Typed t : cases) {
            byte[] body = b(t.body());
            Map<String, String> headers = t.headers() == null ? signed(body) : t.headers();
            requireRefused(t, call(t.endpoint() + " " + abbreviate(t.body()), "POST", t.target(), headers, body));
        }
        // messages: a fresh conversation for each, so the per-conversation rate limit is not what answers
        List<Typed> messages = new ArrayList<>();
        wrongTypes(
                messages,
                "message",
                null,
                null,
                Map.of("text", "\"hello\"", "clientMessageId", "\"m-typed\""),
                List.of("text", "clientMessageId"),
                NOT_STRINGS,
                "a string");
        for (Typed t : messages) {
            Conversation fresh = start();
            byte[] body = b(t.body());
            requireRefused(
                    t,
                    call(
                            "message " + abbreviate(t.body()),
                            "POST",
                            "/api/v1/conversations/" + fresh.id() + "/messages",
                            fresh.auth(),
                            body));
        }

        // the right types, and null for the optional fields, are still accepted
        expectStatus(
                "start with null channel and locale",
                RawHttp.send(port, "POST", "/api/v1/conversations", json, b("{\"channel\":null,\"locale\":null}")),
                201);
        Conversation ok = start();
        expectStatus(
                "message \"5\" with a null clientMessageId",
                RawHttp.send(
                        port,
                        "POST",
                        "/api/v1/conversations/" + ok.id() + "/messages",
                        ok.auth(),
                        b("{\"text\":\"5\",\"clientMessageId\":null}")),
                200);
        expectStatus(
                "feedback false with a null comment",
                RawHttp.send(
                        port,
                        "POST",
                        "/api/v1/conversations/" + ok.id() + "/feedback",
                        ok.auth(),
                        b("{\"helpful\":false,\"comment\":null}")),
                204);
        expectStatus(
                "console reply \"true\"",
                RawHttp.send(port, "POST", console + "/replies", session, b("{\"text\":\"true\"}")),
                200);
        report("wrong types (" + (cases.size() + messages.size()) + " bodies)");
    }

    private void expectStatus(String what, RawHttp.Response r, int status) {
        if (r.status() != status) {
            failures.add(what + ": expected " + status + ", got " + r);
        }
    }

    // ---------------------------------------------------------------- not a URI

    @Test
    void aRequestTargetThatIsNotAUriGetsAJsonBadRequest() {
        Conversation c = start();
        for (String target : List.of(
                "/api/v1/conversations/%zz/messages",
                "/api/v1/conversations/%",
                "/%",
                "/api/v1/conversations/" + c.id() + "/events?after=%zz",
                "/api/v1/console/conversations/%zz",
                "/webhooks/generic%",
                "/actuator/health%g0",
                "/widget/%%")) {
            RawHttp.Response r = call("target " + target, "GET", target, c.auth(), null);
            if (r.status() != 400
                    || !r.text().contains("\"bad_request\"")
                    || !r.text().contains("not a valid URI")) {
                failures.add("target " + target + ": expected 400 bad_request saying it is not a valid URI, got " + r);
            }
            call("target " + target, "POST", target, c.auth(), b("{\"text\":\"hi\"}"));
        }
        report("targets that are not URIs");
    }

    @Test
    void consoleApiRefusesBadInputCleanly() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, String> session = new LinkedHashMap<>();
        session.put("Cookie", admin.cookieHeader());
        session.put(admin.csrf().getKey(), admin.csrf().getValue());
        session.put("Content-Type", "application/json");
        session.put("Accept", "application/json");
        // an escalated conversation the admin has claimed, so replies and labels reach their validation
        Conversation c = start();
        said(c);
        RawHttp.Response handoff =
                RawHttp.send(port, "POST", "/api/v1/conversations/" + c.id() + "/handoff", c.auth(), null);
        assertThat(handoff.status()).as("handoff: %s", handoff).isEqualTo(200);
        String path = "/api/v1/console/conversations/" + c.id();
        assertThat(RawHttp.send(port, "POST", path + "/claim", session, b("{}")).status())
                .isEqualTo(200);

        for (String action : List.of("/replies", "/labels")) {
            for (byte[] body : BAD_BODIES) {
                call(
                        "console " + action + " body " + abbreviate(new String(body, StandardCharsets.UTF_8)),
                        "POST",
                        path + action,
                        session,
                        body);
            }
        }
        for (byte[] body : BAD_BODIES) {
            String label = abbreviate(new String(body, StandardCharsets.UTF_8));
            call("console presence body " + label, "POST", "/api/v1/console/presence", session, body);
            call("console new agent body " + label, "POST", "/api/v1/console/agents", session, body);
        }
        int repliesBefore =
                agentReplies(RawHttp.send(port, "GET", path, session, null)).size();
        List<String> sent = new ArrayList<>();
        List<String> odd = new ArrayList<>(NASTY_TEXTS);
        for (int i = 0; i < 30; i++) {
            odd.add(randomText(300));
        }
        for (String s : odd) {
            RawHttp.Response r = call(
                    "console reply " + abbreviate(s), "POST", path + "/replies", session, b(json(Map.of("text", s))));
            if (r.status() == 200) {
                sent.add(s);
            }
            call(
                    "console label " + abbreviate(s),
                    "POST",
                    path + "/labels",
                    session,
                    b(json(Map.of("messageId", s, "intent", s))));
            call(
                    "console new agent " + abbreviate(s),
                    "POST",
                    "/api/v1/console/agents",
                    session,
                    b(json(Map.of("username", s, "password", s, "role", s))));
        }
        RawHttp.Response view = call("console conversation view", "GET", path, session, null);
        if (view.status() == 200) {
            List<String> replies = agentReplies(view);
            replies = replies.subList(Math.min(repliesBefore, replies.size()), replies.size());
            if (!replies.equals(sent)) {
                failures.add("agent replies stored " + replies.size() + " texts that differ from the " + sent.size()
                        + " sent");
            }
        }
        for (String id : BAD_IDS) {
            for (String suffix : List.of("", "/stream", "/claim", "/replies", "/labels", "/resolve", "/hand-back")) {
                String method = suffix.isEmpty() || suffix.equals("/stream") ? "GET" : "POST";
                call(
                        "console id " + abbreviate(id) + suffix,
                        method,
                        "/api/v1/console/conversations/" + id + suffix,
                        session,
                        method.equals("POST")
                                ? b("{\"text\":\"hi\",\"messageId\":\"m\",\"intent\":\"greeting\"}")
                                : null);
            }
            call("console agent " + abbreviate(id), "POST", "/api/v1/console/agents/" + id + "/disable", session, null);
            call("console agent " + abbreviate(id), "POST", "/api/v1/console/agents/" + id + "/enable", session, null);
            call("console stream after " + abbreviate(id), "GET", path + "/stream?after=" + id, session, null);
        }
        // without a session, and with a session but no CSRF token
        Map<String, String> noCsrf = new LinkedHashMap<>(session);
        noCsrf.remove(admin.csrf().getKey());
        for (String target : List.of(
                path + "/replies",
                "/api/v1/console/agents",
                "/api/v1/console/presence",
                "/api/v1/console/conversations/%2e%2e/claim",
                "/api/v1/console/../console/queue")) {
            refused(
                    "console anonymous " + target,
                    call(
                            "console anonymous " + target,
                            "POST",
                            target,
                            Map.of("Content-Type", "application/json"),
                            b("{\"text\":\"x\"}")));
            refused(
                    "console without CSRF " + target,
                    call("console without CSRF " + target, "POST", target, noCsrf, b("{\"text\":\"x\"}")));
            refused(
                    "console forged cookie " + target,
                    call(
                            "console forged cookie " + target,
                            "POST",
                            target,
                            Map.of("Cookie", "SESSION=" + "A".repeat(3000), "Content-Type", "application/json"),
                            b("{\"text\":\"x\"}")));
        }
        call("console resolve", "POST", path + "/resolve", session, null);
        // the customer writes again after the agent resolved the conversation
        call(
                "message to a resolved conversation",
                "POST",
                "/api/v1/conversations/" + c.id() + "/messages",
                c.auth(),
                b("{\"text\":\"are you still there?\"}"));
        call(
                "handoff of a resolved conversation",
                "POST",
                "/api/v1/conversations/" + c.id() + "/handoff",
                c.auth(),
                null);
        call(
                "feedback on a resolved conversation",
                "POST",
                "/api/v1/conversations/" + c.id() + "/feedback",
                c.auth(),
                b("{\"helpful\":false,\"comment\":\"closed?\"}"));
        report("console API");
    }
}
