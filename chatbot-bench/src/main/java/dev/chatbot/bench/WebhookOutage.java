package dev.chatbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generic webhook's callback receiver is down for a minute in the middle of steady traffic; every later
 * message must still arrive, signed, after it is back. A customer writes to the signed webhook asking for a
 * person, the agent (the console's admin) claims the conversation and sends two replies, which the server
 * delivers to the callback URL through its outbox; meanwhile {@link CallbackReceiver} records every delivery.
 *
 * <pre>
 * WebhookOutage --url http://127.0.0.1:18281 --secret S --receiver-port 18282 --admin-password P
 *               --server-log server.log [--before 20] [--outage 60] [--after 20] [--interval-ms 500]
 *               [--drain-timeout 120]
 * </pre>
 *
 * Reports messages sent and acknowledged, replies expected, delivered, missing (exit status 1 unless 0), bad
 * signatures, duplicates (the same delivery id received again: allowed, at least once), replies delivered out of
 * order, the delay from an acknowledged reply to its delivery, when the outbox drained, and the spacing of
 * retries (from the server log's failed attempts, see {@link DeliveryAttempts}).
 */
public final class WebhookOutage {

    private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PENDING = Pattern.compile("(?m)^chatbot_delivery_pending(?:\\{[^}]*})?\\s+(\\S+)");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** A reply the server acknowledged, so the callback must get it. */
    private record Expected(String conversationId, String text, Instant acknowledgedAt, String phase, int order) {
        String key() {
            return conversationId + "|" + text;
        }
    }

    private final String url;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final List<Expected> expected = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private volatile String phase = "before";

    private WebhookOutage(String url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        WebhookOutage scenario = new WebhookOutage(o.get("url"), o.get("secret"));
        CallbackReceiver receiver = new CallbackReceiver(Integer.parseInt(o.get("receiver-port")), o.get("secret"));
        boolean ok;
        try {
            ok = scenario.run(
                    receiver,
                    ConsoleAgent.login(o.get("url"), "admin", o.get("admin-password")),
                    Path.of(o.get("server-log")),
                    seconds(o, "before", 20),
                    seconds(o, "outage", 60),
                    seconds(o, "after", 20),
                    Duration.ofMillis(Long.parseLong(o.getOrDefault("interval-ms", "500"))),
                    seconds(o, "drain-timeout", 120));
        } finally {
            receiver.shutdown();
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(
            CallbackReceiver receiver,
            ConsoleAgent agent,
            Path serverLog,
            Duration before,
            Duration outage,
            Duration after,
            Duration interval,
            Duration drainTimeout)
            throws Exception {
        receiver.start();
        Instant start = Instant.now();
        Instant down = start.plus(before);
        Instant up = down.plus(outage);
        Instant end = up.plus(after);
        System.out.printf(
                "%s traffic starts: one conversation every %d ms (webhook message, claim, 2 agent replies)%n",
                TIME.format(start), interval.toMillis());
        for (int n = 1; Instant.now().isBefore(end); n++) {
            Instant next = Instant.now().plus(interval);
            if (phase.equals("before") && Instant.now().isAfter(down)) {
                receiver.stop();
                phase = "during";
                System.out.printf("%s receiver stopped (connection refused)%n", TIME.format(Instant.now()));
            } else if (phase.equals("during") && Instant.now().isAfter(up)) {
                receiver.start();
                up = Instant.now();
                phase = "after";
                System.out.printf("%s receiver started again%n", TIME.format(up));
            }
            conversation(agent, n);
            long sleep = Duration.between(Instant.now(), next).toMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
        System.out.printf("%s traffic ends; %s%n", TIME.format(Instant.now()), counts);
        Instant drained = awaitDrained(receiver, Instant.now().plus(drainTimeout));
        System.out.printf(
                "%s outbox %s (%.1f s after the receiver came back)%n",
                TIME.format(Instant.now()),
                drained == null ? "NOT drained within " + drainTimeout.toSeconds() + " s" : "drained",
                Duration.between(up, drained == null ? Instant.now() : drained).toMillis() / 1000.0);
        boolean ok = report(receiver.received(), receiver.badSignatures()) && drained != null;
        Map<String, Instant> firstReceipt = new HashMap<>();
        receiver.received().forEach(r -> firstReceipt.putIfAbsent(r.deliveryId(), r.at()));
        DeliveryAttempts.printSpacing(DeliveryAttempts.failures(serverLog), firstReceipt);
        return ok;
    }

    /** One customer: asks for a person over the webhook; the agent claims the conversation and replies twice. */
    private void conversation(ConsoleAgent agent, int n) {
        try {
            String body = "{\"messageId\":\"outage-" + run + "-" + n + "\",\"userId\":\"outage-user-" + run + "-" + n
                    + "\",\"text\":\"I want to speak to a human\"}";
            long ts = Instant.now().getEpochSecond();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/webhooks/generic"))
                            .header("Content-Type", "application/json")
                            .header("X-Chatbot-Timestamp", Long.toString(ts))
                            .header(
                                    "X-Chatbot-Signature",
                                    "sha256=" + ServiceLoadBenchmark.hmac(secret, ts + "." + body))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            count("webhook messages sent");
            if (r.statusCode() != 200) {
                count("webhook " + r.statusCode());
                return;
            }
            count("webhook messages acknowledged");
            if (!"QUEUED".equals(group(STATE, r.body()))) {
                count("not escalated");
                return;
            }
            String id = group(CONVERSATION_ID, r.body());
            if (agent.post("/conversations/" + id + "/claim", "").statusCode() != 200) {
                count("claim refused");
                return;
            }
            for (int k = 1; k <= 2; k++) {
                String text = "Reply " + k + " to customer " + n + " of run " + run;
                count("agent replies sent");
                HttpResponse<String> reply =
                        agent.post("/conversations/" + id + "/replies", "{\"text\":\"" + text + "\"}");
                if (reply.statusCode() == 200) {
                    count("agent replies acknowledged");
                    expected.add(new Expected(id, text, Instant.now(), phase, k));
                } else {
                    count("agent reply " + reply.statusCode());
                }
            }
        } catch (Exception e) {
            count("no answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Waits until the server's outbox is empty and every expected reply arrived; null on timeout. */
    private Instant awaitDrained(CallbackReceiver receiver, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> metrics =
                    http.send(Scrape.request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = PENDING.matcher(metrics.body());
            double pending = m.find() ? Double.parseDouble(m.group(1)) : -1;
            long arrived = receiver.received().stream()
                    .map(r -> r.conversationId() + "|" + r.text())
                    .distinct()
                    .filter(key -> expected.stream().anyMatch(e -> e.key().equals(key)))
                    .count();
            if (pending == 0 && arrived == expected.size()) {
                return Instant.now();
            }
            Thread.sleep(250);
        }
        return null;
    }

    private boolean report(List<CallbackReceiver.Received> received, long badSignatures) {
        Map<String, Instant> first = new HashMap<>();
        Map<String, Integer> perDelivery = new HashMap<>();
        Map<String, List<String>> orderSeen = new HashMap<>();
        for (CallbackReceiver.Received r : received) {
            String key = r.conversationId() + "|" + r.text();
            if (first.putIfAbsent(key, r.at()) == null) {
                orderSeen
                        .computeIfAbsent(r.conversationId(), k -> new ArrayList<>())
                        .add(r.text());
            }
            perDelivery.merge(r.deliveryId(), 1, Integer::sum);
        }
        long missing =
                expected.stream().filter(e -> !first.containsKey(e.key())).count();
        long duplicates = perDelivery.values().stream().mapToLong(c -> c - 1).sum();
        long outOfOrder = orderSeen.values().stream()
                .filter(texts -> texts.size() == 2 && !texts.get(0).startsWith("Reply 1 "))
                .count();
        System.out.printf(
                "replies expected (acknowledged) %d; callback requests %d with a valid signature, %d with a "
                        + "bad one; distinct replies delivered %d; missing %d; duplicates %d; conversations whose "
                        + "replies arrived out of order %d%n",
                expected.size(), received.size(), badSignatures, first.size(), missing, duplicates, outOfOrder);
        for (String p : List.of("before", "during", "after")) {
            List<Duration> delays = expected.stream()
                    .filter(e -> e.phase().equals(p) && first.containsKey(e.key()))
                    .map(e -> Duration.between(e.acknowledgedAt(), first.get(e.key())))
                    .sorted()
                    .toList();
            if (!delays.isEmpty()) {
                System.out.printf(
                        "  replies acknowledged %-6s the outage: %4d, delay to delivery median %6.1f s, "
                                + "p99 %6.1f s, max %6.1f s%n",
                        p,
                        delays.size(),
                        s(delays.get(delays.size() / 2)),
                        s(delays.get((int) Math.min(delays.size() - 1, Math.ceil(delays.size() * 0.99) - 1))),
                        s(delays.get(delays.size() - 1)));
            }
        }
        return missing == 0 && badSignatures == 0;
    }

    private synchronized void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private static double s(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Duration seconds(Map<String, String> o, String key, long otherwise) {
        return Duration.ofSeconds(Long.parseLong(o.getOrDefault(key, Long.toString(otherwise))));
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : "";
    }
}
