package dev.chatbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat traffic at a fixed total rate from several client threads. Each thread owns its conversations (messages to
 * one conversation are sequential, as from one customer), starts a new one after six messages or a message that
 * ends it, and sends every message with a {@code clientMessageId}. Message k of thread t is due at
 * {@code start + (k * threads + t) / rate}; latency is measured from that due time, so a stalled server shows
 * in the numbers instead of slowing the sender down (no coordinated omission).
 */
final class PacedChat {

    private static final Pattern ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** One message: when it was due, how long until its answer, and the status (-1: no answer, see failure). */
    record Sample(long dueNanos, long micros, int status, String failure) {}

    private final HttpClient http;
    private final String url;
    private final ChatMix mix;
    private final int threads;
    private final double rate;
    final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    /** clientMessageIds the server answered 200. */
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    final Map<String, LongAdder> startAnswers = new ConcurrentSkipListMap<>();

    PacedChat(HttpClient http, String url, ChatMix mix, int threads, double rate) {
        this.http = http;
        this.url = url;
        this.mix = mix;
        this.threads = threads;
        this.rate = rate;
    }

    /** Sends from {@code startNanos} for {@code seconds}; returns when every thread has its last answer. */
    void run(String runId, long startNanos, double seconds) throws InterruptedException {
        double interval = 1e9 / rate;
        long end = startNanos + (long) (seconds * 1e9);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(
                    () -> {
                        String[] conversation = null;
                        int sentInConversation = 0;
                        for (long k = 0; ; k++) {
                            long due = startNanos + (long) ((k * threads + thread) * interval);
                            if (due >= end) {
                                return;
                            }
                            LockSupport.parkNanos(due - System.nanoTime());
                            if (conversation == null) {
                                conversation = start();
                                sentInConversation = 0;
                                if (conversation == null) {
                                    continue;
                                }
                            }
                            ChatMix.Message m = mix.next();
                            String messageId = runId + "-" + thread + "-" + k;
                            int status = send(conversation, messageId, m.text(), due);
                            if (status == 200) {
                                acknowledged.add(messageId);
                            }
                            if (m.ends() || ++sentInConversation >= 6 || status != 200) {
                                conversation = null;
                            }
                        }
                    },
                    "chat-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private int send(String[] conversation, String messageId, String text, long due) {
        String body = "{\"text\":\"" + ServiceLoadBenchmark.jsonEscape(text) + "\",\"clientMessageId\":\"" + messageId
                + "\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/conversations/" + conversation[0] + "/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + conversation[1])
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            samples.add(new Sample(due, (System.nanoTime() - due) / 1000, r.statusCode(), null));
            return r.statusCode();
        } catch (Exception e) {
            samples.add(new Sample(
                    due, (System.nanoTime() - due) / 1000, -1, e.getClass().getSimpleName()));
            return -1;
        }
    }

    /** Starts a conversation: {id, token}, or null when the server did not answer 201 (counted). */
    private String[] start() {
        String answer;
        String[] conversation = null;
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"web\",\"locale\":\"en\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            answer = Integer.toString(r.statusCode());
            if (r.statusCode() == 201) {
                conversation = new String[] {find(ID, r.body()), find(TOKEN, r.body())};
            }
        } catch (Exception e) {
            answer = "no answer (" + e.getClass().getSimpleName() + ")";
        }
        startAnswers.computeIfAbsent(answer, k -> new LongAdder()).increment();
        return conversation;
    }

    private static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }
}
