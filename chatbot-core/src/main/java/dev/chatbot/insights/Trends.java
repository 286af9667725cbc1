package dev.chatbot.insights;

import dev.chatbot.transcript.EscalationReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The trends use case: charts of a period beside the previous period of the same length, from what an
 * {@link InsightsSource} counts per bucket ({@link TrendCounts}). Buckets are days, or weeks when the period is
 * longer than {@value #DAILY_UP_TO_DAYS} days; they start at the period's start. The charts:
 * <ul>
 *   <li>{@code conversations}: conversations started with at least one customer message (as in the report);</li>
 *   <li>{@code containment}: of them, the share settled without an agent ({@link Containment}; open ones left out);</li>
 *   <li>{@code escalations}: escalations that happened, one series per reason;</li>
 *   <li>{@code rating-average} and {@code ratings}: the average score and the number of ratings given;</li>
 *   <li>{@code first-response}: seconds from an escalation to the first agent reply after it, median and 90th
 *       percentile (nearest rank) of the replies in the bucket.</li>
 * </ul>
 * Reads only; thread-safe; blocking.
 */
public final class Trends {

    /** Periods up to this many days are charted by day, longer ones by week. */
    public static final int DAILY_UP_TO_DAYS = 62;

    private final InsightsSource source;
    private final Containment containment;
    private final Clock clock;

    public Trends(InsightsSource source, Containment containment, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.containment = Objects.requireNonNull(containment, "containment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The charts of {@code [from, to)} with the previous period.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}
     */
    public TrendsReport report(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must start before it ends: " + from + " to " + to);
        }
        Duration length = Duration.between(from, to);
        boolean daily = length.compareTo(Duration.ofDays(DAILY_UP_TO_DAYS)) <= 0;
        Duration bucket = daily ? Duration.ofDays(1) : Duration.ofDays(7);
        Instant previousFrom = from.minus(length);
        Instant now = clock.instant();
        TrendCounts current = new TrendCounts(from, to, bucket);
        TrendCounts previous = new TrendCounts(previousFrom, from, bucket);
        source.countTrends(current, containment, now);
        source.countTrends(previous, containment, now);
        List<TrendsReport.Chart> charts = new ArrayList<>();
        charts.add(
                chart("conversations", "Conversations", "count", List.of("conversations"), current, previous, (c, i) ->
                        new Double[] {(double) c.conversations[i]}));
        charts.add(chart(
                "containment",
                "Containment (resolved without a person)",
                "share",
                List.of("containment"),
                current,
                previous,
                (c, i) -> new Double[] {rate(c.contained[i], c.contained[i] + c.handedOver[i])}));
        List<String> reasons =
                Arrays.stream(EscalationReason.values()).map(Enum::name).toList();
        charts.add(chart(
                "escalations",
                "Escalations by reason",
                "count",
                reasons,
                current,
                previous,
                (c, i) -> Arrays.stream(EscalationReason.values())
                        .map(r -> (double) c.escalations.get(r)[i])
                        .toArray(Double[]::new)));
        charts.add(chart("rating-average", "Average rating", "score", List.of("average"), current, previous, (c, i) ->
                new Double[] {c.ratings[i] == 0 ? null : c.ratingSum[i] / (double) c.ratings[i]}));
        charts.add(chart("ratings", "Ratings given", "count", List.of("ratings"), current, previous, (c, i) ->
                new Double[] {(double) c.ratings[i]}));
        charts.add(chart(
                "first-response",
                "Agents' first response after an escalation",
                "seconds",
                List.of("median", "p90"),
                current,
                previous,
                (c, i) -> {
                    long[] sorted = c.responseMillis.get(i).stream()
                            .mapToLong(Long::longValue)
                            .sorted()
                            .toArray();
                    return new Double[] {percentile(sorted, 0.5), percentile(sorted, 0.9)};
                }));
        return new TrendsReport(from, to, previousFrom, daily ? "day" : "week", charts);
    }

    private interface Values {
        Double[] at(TrendCounts counts, int bucket);
    }

    private static TrendsReport.Chart chart(
            String name,
            String title,
            String unit,
            List<String> series,
            TrendCounts current,
            TrendCounts previous,
            Values values) {
        IntFunction<TrendsReport.Point> point = i -> new TrendsReport.Point(
                current.from().plus(current.bucket().multipliedBy(i)),
                previous.from().plus(previous.bucket().multipliedBy(i)),
                Arrays.asList(values.at(current, i)),
                Arrays.asList(values.at(previous, i)));
        List<TrendsReport.Point> points = new ArrayList<>();
        for (int i = 0; i < current.buckets(); i++) {
            points.add(point.apply(i));
        }
        return new TrendsReport.Chart(name, title, unit, series, points);
    }

    /** The nearest-rank percentile in seconds of sorted millisecond values; null when there are none. */
    static Double percentile(long[] sortedMillis, double p) {
        if (sortedMillis.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sortedMillis.length);
        return sortedMillis[Math.max(0, rank - 1)] / 1000.0;
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : part / (double) whole;
    }
}
