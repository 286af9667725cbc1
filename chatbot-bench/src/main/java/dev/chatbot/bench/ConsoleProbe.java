package dev.chatbot.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * What an agent and an admin wait for in the console of a server on a big database, over HTTP as the browser asks:
 * the queue ({@code GET /queue}) and a conversation's transcript ({@code GET /conversations/{id}}, ids drawn from
 * {@code --ids}, one per line), {@code --requests} of each one after the other, p50/p99; then Insights for the last 30
 * days ({@code GET /insights}, the console's default period) and the CSV download of that period,
 * {@code --repeats} times each, every duration. Usage: {@code ConsoleProbe --url u --user admin --password p
 * --ids file [--requests 500] [--repeats 5]}.
 */
public final class ConsoleProbe {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:18080");
        ConsoleAgent admin = ConsoleAgent.login(url, o.getOrDefault("user", "admin"), o.get("password"));
        List<String> ids = Files.readAllLines(Path.of(o.get("ids"))).stream()
                .filter(l -> !l.isBlank())
                .toList();
        int requests = Integer.parseInt(o.getOrDefault("requests", "500"));
        int repeats = Integer.parseInt(o.getOrDefault("repeats", "5"));
        SplittableRandom random = new SplittableRandom(11);

        for (int i = 0; i < 50; i++) { // warm the paths up
            admin.get("/queue");
            admin.get("/conversations/" + ids.get(random.nextInt(ids.size())));
        }
        Histogram queue = new Histogram(60_000_000L, 3);
        Histogram transcript = new Histogram(60_000_000L, 3);
        int queued = 0;
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<String> q = admin.get("/queue");
            queue.recordValue((System.nanoTime() - t) / 1000);
            check(q, "queue");
            queued = q.body().split("\"conversationId\"", -1).length - 1;
            t = System.nanoTime();
            HttpResponse<String> c = admin.get("/conversations/" + ids.get(random.nextInt(ids.size())));
            transcript.recordValue((System.nanoTime() - t) / 1000);
            check(c, "transcript");
        }
        System.out.printf(
                "console queue (%d waiting): p50 %.1f ms, p99 %.1f ms over %d requests%n",
                queued, queue.getValueAtPercentile(50) / 1000.0, queue.getValueAtPercentile(99) / 1000.0, requests);
        System.out.printf(
                "console transcript (random conversations of the database): p50 %.1f ms, p99 %.1f ms over "
                        + "%d requests%n",
                transcript.getValueAtPercentile(50) / 1000.0, transcript.getValueAtPercentile(99) / 1000.0, requests);

        for (String what : List.of("/insights", "/insights/export.csv")) {
            List<Long> millis = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = admin.get(what);
                millis.add((System.nanoTime() - t) / 1_000_000);
                check(r, what);
                bytes = r.body().length();
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            System.out.printf(
                    "%s for the last 30 days: %s ms (median %d ms, %,d characters)%n",
                    what, millis, sorted.get(sorted.size() / 2), bytes);
        }
    }

    private static void check(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
