package dev.chatbot.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a running server from outside, on one thread: the target of the model repository's {@code current}
 * link (every 10 ms), the version in {@code chatbot_model_info} at {@code /actuator/prometheus} (every 100 ms) and
 * the server's resident memory from {@code /proc/<pid>/status} (every second). Each change is kept with its time.
 */
final class ServerWatch implements AutoCloseable {

    private static final Pattern MODEL_INFO = Pattern.compile("(?m)^chatbot_model_info\\{[^}]*version=\"([^\"]+)\"");

    /** Something seen at {@code nanos}: a link target, a served version, or a resident size in MB. */
    record Seen(long nanos, String value) {}

    private final HttpClient http;
    private final String url;
    private final Path currentLink;
    private final long pid;
    final ConcurrentLinkedQueue<Seen> links = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Seen> served = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Seen> resident = new ConcurrentLinkedQueue<>();
    final AtomicLong scrapeFailures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ServerWatch(HttpClient http, String url, Path currentLink, long pid) {
        this.http = http;
        this.url = url;
        this.currentLink = currentLink;
        this.pid = pid;
        this.thread = new Thread(this::watch, "server-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        String link = null;
        String version = null;
        long nextScrape = System.nanoTime();
        long nextResident = nextScrape;
        while (running) {
            long now = System.nanoTime();
            String l = linkTarget();
            if (l != null && !l.equals(link)) {
                links.add(new Seen(now, l));
                link = l;
            }
            if (now >= nextScrape) {
                nextScrape = now + 100_000_000L;
                String v = servedVersion();
                if (v != null && !v.equals(version)) {
                    served.add(new Seen(System.nanoTime(), v));
                    version = v;
                }
            }
            if (now >= nextResident) {
                nextResident += 1_000_000_000L;
                resident.add(new Seen(now, Long.toString(residentMb(pid))));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String linkTarget() {
        try {
            return Files.readSymbolicLink(currentLink).getFileName().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** The version tag of {@code chatbot_model_info}, or null when the scrape failed (counted). */
    String servedVersion() {
        try {
            HttpResponse<String> r = http.send(
                    Scrape.request(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = MODEL_INFO.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                return m.group(1);
            }
        } catch (IOException e) {
            // counted below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scrapeFailures.incrementAndGet();
        return null;
    }

    /** First time at or after {@code from} that {@code seen} holds {@code value}, or -1. */
    static long firstAt(ConcurrentLinkedQueue<Seen> seen, long from, String value) {
        return seen.stream()
                .filter(s -> s.nanos() >= from && s.value().equals(value))
                .mapToLong(Seen::nanos)
                .findFirst()
                .orElse(-1);
    }

    static long residentMb(long pid) {
        return status(pid, "VmRSS");
    }

    /** A {@code /proc/<pid>/status} field in MB, or -1. */
    static long status(long pid, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String line : lines) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
