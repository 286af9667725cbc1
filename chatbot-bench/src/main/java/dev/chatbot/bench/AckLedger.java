package dev.chatbot.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of the crash scenarios: {@code write} sends chat messages from several threads and appends a
 * line to the ledger for every message the server acknowledged (200; 201 for every {@code --first-every}th message,
 * which starts a new conversation with it, as the widget sends a first message), until the server stops answering;
 * {@code verify} checks, after the restart, that every acknowledged message is in its conversation's history,
 * read with the conversation's original token (so the customer can reconnect).
 *
 * <pre>
 * AckLedger write  --url http://127.0.0.1:18081 --ledger acks.tsv [--threads 8] [--conversations 40] [--first-every 5]
 * AckLedger verify --url http://127.0.0.1:18081 --ledger acks.tsv
 * </pre>
 */
public final class AckLedger {

    private static final Pattern ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] TEXTS = {
        "How much does delivery cost?",
        "Can I return an item?",
        "where is my order",
        "what are your opening hours",
        "do you sell gift cards",
        "thanks!"
    };

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:18081");
        Path ledger = Path.of(o.getOrDefault("ledger", "acks.tsv"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        if (args[0].equals("write")) {
            write(
                    http,
                    url,
                    ledger,
                    Integer.parseInt(o.getOrDefault("threads", "8")),
                    Integer.parseInt(o.getOrDefault("conversations", "40")),
                    Long.parseLong(o.getOrDefault("patience", "3")) * 1_000_000_000L,
                    Long.parseLong(o.getOrDefault("duration", "0")) * 1_000_000_000L,
                    Integer.parseInt(o.getOrDefault("first-every", "5")));
        } else {
            System.exit(verify(http, url, ledger) ? 0 : 1);
        }
        System.exit(0);
    }

    /**
     * Writes until the server has not acknowledged anything for {@code patienceNanos}, or (when not 0) until
     * {@code durationNanos} have passed; counts every status seen.
     */
    private static void write(
            HttpClient http,
            String url,
            Path ledger,
            int threads,
            int conversations,
            long patienceNanos,
            long durationNanos,
            int firstEvery)
            throws Exception {
        long begin = System.nanoTime();
        java.util.concurrent.ConcurrentMap<String, Outcome> statuses =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String[]> convs = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            convs.add(new String[] {group(ID, r.body()), group(TOKEN, r.body())});
        }
        AtomicLong acked = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        try (BufferedWriter out = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int worker = t;
                workers[t] = new Thread(() -> {
                    long lastOk = System.nanoTime();
                    for (long n = 0;
                            System.nanoTime() - lastOk < patienceNanos
                                    && (durationNanos == 0 || System.nanoTime() - begin < durationNanos);
                            n++) {
                        // each worker owns its conversations, so messages to one conversation are sequential
                        String[] c = convs.get((int) ((worker + n * threads) % convs.size()));
                        String messageId = "ack-" + worker + "-" + n;
                        String text = TEXTS[(int) (n % TEXTS.length)] + " #" + messageId;
                        String body = "{\"text\":\"" + text + "\",\"clientMessageId\":\"" + messageId + "\"}";
                        // every firstEvery-th message starts a conversation of its own (201 with the reply)
                        boolean first = firstEvery > 0 && n % firstEvery == firstEvery - 1;
                        int expected = first ? 201 : 200;
                        sent.incrementAndGet();
                        long start = System.nanoTime();
                        try {
                            HttpRequest.Builder request = first
                                    ? HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations"))
                                    : HttpRequest.newBuilder(
                                                    URI.create(url + "/api/v1/conversations/" + c[0] + "/messages"))
                                            .header("Authorization", "Bearer " + c[1]);
                            HttpResponse<String> r = http.send(
                                    request.header("Content-Type", "application/json")
                                            .timeout(Duration.ofSeconds(5))
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            String status = r.statusCode() + (first ? " (start with the message)" : "");
                            if (r.statusCode() == 201 && first) {
                                c = new String[] {group(ID, r.body()), group(TOKEN, r.body())};
                            }
                            if (r.statusCode() != expected) {
                                status += " " + group(ERROR, r.body(), "") + " Retry-After "
                                        + r.headers().firstValue("Retry-After").orElse("-");
                            }
                            statuses.computeIfAbsent(status, k -> new Outcome()).add(start, System.nanoTime());
                            if (r.statusCode() != expected) {
                                pause(); // like a client that retries soon, not a tight loop
                            } else {
                                lastOk = System.nanoTime();
                                synchronized (out) {
                                    out.write(c[0] + "\t" + c[1] + "\t" + messageId + "\t" + text + "\n");
                                    out.flush();
                                }
                                acked.incrementAndGet();
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(
                                            "no answer (" + e.getClass().getSimpleName() + ")", k -> new Outcome())
                                    .add(start, System.nanoTime());
                            pause();
                        }
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        System.out.printf(
                "writer: %d sent, %d acknowledged (200, or 201 for a start with its message)%n",
                sent.get(), acked.get());
        statuses.forEach((status, outcome) -> System.out.printf("  %-60s %s%n", status, outcome));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How often one kind of answer came, how long it took, and when (UTC) it was first and last seen. */
    private static final class Outcome {
        private final org.HdrHistogram.Histogram micros = new org.HdrHistogram.Histogram(3);
        private java.time.Instant first;
        private java.time.Instant last;

        synchronized void add(long startNanos, long endNanos) {
            micros.recordValue(Math.max(1, (endNanos - startNanos) / 1_000));
            java.time.Instant now = java.time.Instant.now();
            first = first == null ? now : first;
            last = now;
        }

        @Override
        public synchronized String toString() {
            java.time.format.DateTimeFormatter t =
                    java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
            return String.format(
                    "%6d x, p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms, from %s to %s",
                    micros.getTotalCount(),
                    micros.getValueAtPercentile(50) / 1e3,
                    micros.getValueAtPercentile(99) / 1e3,
                    micros.getMaxValue() / 1e3,
                    t.format(first),
                    t.format(last));
        }
    }

    private static boolean verify(HttpClient http, String url, Path ledger) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            tokens.put(f[0], f[1]);
            expected.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
        }
        long total = 0;
        long missing = 0;
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations/" + e.getKey() + "/events"))
                            .header("Authorization", "Bearer " + tokens.get(e.getKey()))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.printf("conversation %s: history answered %d%n", e.getKey(), r.statusCode());
                missing += e.getValue().size();
                total += e.getValue().size();
                continue;
            }
            for (String messageId : e.getValue()) {
                total++;
                if (!r.body().contains("\"messageId\":\"" + messageId + "\"")) {
                    missing++;
                    System.out.printf("conversation %s: acknowledged message %s is missing%n", e.getKey(), messageId);
                }
            }
        }
        System.out.printf(
                "verify: %d acknowledged messages in %d conversations, %d missing after the restart%n",
                total, expected.size(), missing);
        return missing == 0;
    }

    private static String group(Pattern p, String body, String otherwise) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : otherwise;
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }
}
