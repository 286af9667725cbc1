package dev.chatbot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hostile client, all of it from one address (sent as {@code X-Forwarded-For} through the trusted proxy the
 * harness plays): adversarial 2,000-character texts at the address's allowed request rate, event streams opened
 * up to (and past) its caps and held, conversations started and handed to a person up to (and past) its cap, and
 * a loop of wrong passwords against {@code /login}. Counts what each part was answered. Runs until {@link #stop}.
 */
final class Attacker implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final URI url;
    private final String address;
    private final double requestsPerSecond;
    private final String forwarded;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> streams = new ArrayList<>();
    /** What each part of the attack was answered: "texts 200", "streams 429", "login locked", ... */
    final ConcurrentMap<String, LongAdder> answers = new ConcurrentHashMap<>();

    Attacker(URI url, String address, double requestsPerSecond) {
        this.url = url;
        this.address = address;
        this.requestsPerSecond = requestsPerSecond;
        this.forwarded = "X-Forwarded-For: " + address;
    }

    /** Texts the property suite and the redaction benchmark found hardest: digit runs and separators, 2,000 chars. */
    static List<String> adversarialTexts() {
        List<String> texts = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        while (digits.length() < 2000) {
            digits.append("12 34-56 78.90 ");
        }
        texts.add(digits.substring(0, 2000));
        StringBuilder runs = new StringBuilder();
        for (int i = 0; runs.length() < 2000; i++) {
            runs.append("0".repeat(1 + i % 9)).append(i % 3 == 0 ? "-" : i % 3 == 1 ? " " : "/");
        }
        texts.add(runs.substring(0, 2000));
        StringBuilder mixed = new StringBuilder();
        while (mixed.length() < 2000) {
            mixed.append("+4(0)1-2 DE89 3704 0044 0532 0130 00 a@b.c ");
        }
        texts.add(mixed.substring(0, 2000));
        texts.add("\u0661\u0662\u0663\uff14\uff15\uff16 ".repeat(300).substring(0, 2000)); // digits NFKC folds
        return texts;
    }

    void start() throws Exception {
        openStreams(25);
        queueConversations(40);
        threads.add(loop("attacker-texts", this::texts));
        threads.add(loop("attacker-login", this::login));
    }

    private Thread loop(String name, Runnable body) {
        Thread t = new Thread(
                () -> {
                    while (running) {
                        body.run();
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void count(String what) {
        answers.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private RawHttpClient.Response post(RawHttpClient http, String path, String json, String... more)
            throws IOException {
        String[] headers = new String[2 + more.length];
        headers[0] = "Content-Type: application/json";
        headers[1] = forwarded;
        System.arraycopy(more, 0, headers, 2, more.length);
        return http.send("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {id, token} of a conversation started with {@code text}, or null when refused. */
    private String[] startConversation(RawHttpClient http, String text, String part) throws IOException {
        RawHttpClient.Response r =
                post(http, "/api/v1/conversations", "{\"text\":\"" + ServiceLoadBenchmark.jsonEscape(text) + "\"}");
        count(part + " start " + r.status());
        if (r.status() != 201) {
            return null;
        }
        String[] conversation = {find(ID, r.body()), find(TOKEN, r.body())};
        owned.add(conversation);
        return conversation;
    }

    /** Opens {@code tries} event streams (three per conversation) and holds the accepted ones open. */
    private void openStreams(int tries) throws IOException {
        try (RawHttpClient http = new RawHttpClient(url, 10_000)) {
            String[] conversation = null;
            for (int i = 0; i < tries; i++) {
                if (i % 3 == 0) {
                    conversation = startConversation(http, "hello", "streams");
                }
                if (conversation == null) {
                    count("streams not tried (no conversation)");
                    continue;
                }
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/conversations/" + conversation[0] + "/stream?token=" + conversation[1]
                                + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAccept: text/event-stream\r\n"
                                + forwarded
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                int status = status(socket.getInputStream());
                count("streams open " + status);
                if (status == 200) {
                    streams.add(socket);
                } else {
                    socket.close();
                }
            }
        }
    }

    /** Starts conversations and asks for a person in each, {@code tries} times: the queue the attacker can fill. */
    private void queueConversations(int tries) throws IOException {
        try (RawHttpClient http = new RawHttpClient(url, 10_000)) {
            for (int i = 0; i < tries; i++) {
                String[] c = startConversation(http, "I need help with something", "queue");
                if (c == null) {
                    continue;
                }
                RawHttpClient.Response r =
                        post(http, "/api/v1/conversations/" + c[0] + "/handoff", null, "Authorization: Bearer " + c[1]);
                count("queue handoff " + r.status());
            }
        }
    }

    /** Every conversation the attacker got, for its texts (it cannot start more than its cap). */
    private final List<String[]> owned = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RawHttpClient textClient;
    private long nextText;
    private int textIndex;
    private final List<String> texts = adversarialTexts();

    /** One adversarial text at the allowed rate (a 429 when over it is counted, not retried). */
    private void texts() {
        try {
            if (textClient == null) {
                textClient = new RawHttpClient(url, 10_000);
                nextText = System.nanoTime();
            }
            LockSupport.parkNanos(nextText - System.nanoTime());
            nextText += (long) (1e9 / requestsPerSecond);
            String text = texts.get(textIndex++ % texts.size());
            if (owned.isEmpty()) {
                startConversation(textClient, text, "texts");
                return;
            }
            // round the conversations it holds (a conversation takes 20 messages a minute, the address 300 requests)
            String[] c = owned.get(textIndex % owned.size());
            RawHttpClient.Response r = post(
                    textClient,
                    "/api/v1/conversations/" + c[0] + "/messages",
                    "{\"text\":\"" + ServiceLoadBenchmark.jsonEscape(text) + "\"}",
                    "Authorization: Bearer " + c[1]);
            count("texts message " + r.status());
        } catch (IOException e) {
            count("texts failed");
        }
    }

    private final HttpClient loginHttp = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private int guess;

    /** One wrong password, as a script sends it: the form for its CSRF token (and cookie), then the POST. */
    private void login() {
        try {
            HttpResponse<String> page = loginHttp.send(
                    HttpRequest.newBuilder(url.resolve("/login"))
                            .header("X-Forwarded-For", address)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher field = CSRF_FIELD.matcher(page.body());
            if (page.statusCode() != 200 || !field.find()) {
                count("login page " + page.statusCode());
                return;
            }
            String user = List.of("root", "administrator", "support", "test", "user" + guess % 50)
                    .get(guess % 5);
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=guess-" + guess++
                    + "&_csrf=" + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> r = loginHttp.send(
                    HttpRequest.newBuilder(url.resolve("/login"))
                            .header("X-Forwarded-For", address)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse("");
            count("login post " + r.statusCode()
                    + (location.contains("locked")
                            ? " locked"
                            : location.contains("error") ? " wrong password" : " " + location));
        } catch (IOException e) {
            count("login failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    private static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    String address() {
        return address;
    }

    /** What the parts were answered, sorted. */
    Map<String, Long> answers() {
        Map<String, Long> out = new java.util.TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(15_000);
        }
        for (Socket s : streams) {
            s.close();
        }
        if (textClient != null) {
            textClient.close();
        }
    }
}
