package dev.chatbot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failed delivery attempts the server logged ({@code DeliveryWorker}: "Delivery &lt;id&gt; to &lt;channel&gt;
 * failed (attempt n): ...", one INFO line per failure, logged right after the attempt), so the spacing of retries
 * can be measured: a refused connection is invisible to the receiver.
 */
final class DeliveryAttempts {

    private static final Pattern FAILED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\S+Z)\\s+INFO .*DeliveryWorker\\s*: Delivery (\\S+) to \\S+ failed \\(attempt (\\d+)\\)");

    private DeliveryAttempts() {}

    /** Failure times per delivery id, in attempt order. */
    static Map<String, List<Instant>> failures(Path serverLog) throws IOException {
        Map<String, TreeMap<Integer, Instant>> byAttempt = new HashMap<>();
        for (String line : Files.readAllLines(serverLog, StandardCharsets.UTF_8)) {
            Matcher m = FAILED.matcher(line);
            if (m.find()) {
                byAttempt
                        .computeIfAbsent(m.group(2), k -> new TreeMap<>())
                        .put(Integer.parseInt(m.group(3)), Instant.parse(m.group(1)));
            }
        }
        Map<String, List<Instant>> failures = new HashMap<>();
        byAttempt.forEach((id, attempts) -> failures.put(id, new ArrayList<>(attempts.values())));
        return failures;
    }

    /**
     * Prints, for each failed attempt n, how long the server waited before attempt n + 1 (the last gap ends at
     * the successful delivery), and how many attempts the deliveries needed.
     */
    static void printSpacing(Map<String, List<Instant>> failures, Map<String, Instant> deliveredAt) {
        Map<Integer, List<Duration>> gaps = new TreeMap<>();
        Map<Integer, Integer> attemptsNeeded = new TreeMap<>();
        for (Map.Entry<String, List<Instant>> e : failures.entrySet()) {
            List<Instant> times = new ArrayList<>(e.getValue());
            Instant delivered = deliveredAt.get(e.getKey());
            if (delivered != null) {
                times.add(delivered);
                attemptsNeeded.merge(times.size(), 1, Integer::sum);
            }
            for (int i = 0; i + 1 < times.size(); i++) {
                gaps.computeIfAbsent(i + 1, k -> new ArrayList<>())
                        .add(Duration.between(times.get(i), times.get(i + 1)));
            }
        }
        System.out.printf("retry spacing (server log: %d deliveries failed at least once):%n", failures.size());
        gaps.forEach((attempt, list) -> {
            list.sort(null);
            System.out.printf(
                    "  after failed attempt %d: %4d retries, waited min %5.1f s, median %5.1f s, max %5.1f s%n",
                    attempt,
                    list.size(),
                    seconds(list.get(0)),
                    seconds(list.get(list.size() / 2)),
                    seconds(list.get(list.size() - 1)));
        });
        System.out.printf("  attempts until delivered (deliveries that failed at least once): %s%n", attemptsNeeded);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
