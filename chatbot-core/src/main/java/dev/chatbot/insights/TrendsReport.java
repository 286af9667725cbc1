package dev.chatbot.insights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Trend charts of a period {@code [from, to)} beside the period of the same length just before it
 * ({@code [previousFrom, from)}), in buckets of a day or a week ({@code bucket}) counted from each period's start.
 *
 * @param charts the charts, in the order they are shown
 */
public record TrendsReport(Instant from, Instant to, Instant previousFrom, String bucket, List<Chart> charts) {

    public TrendsReport {
        charts = List.copyOf(charts);
    }

    /** The chart named {@code name}, if there is one. */
    public Optional<Chart> chart(String name) {
        return charts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * One chart: its values per bucket for each of its series, in this period and in the previous one.
     *
     * @param name the chart's name in URLs and file names
     * @param title what it shows, for people
     * @param unit what its values are: {@code count}, {@code share} (0..1), {@code score} (1-5) or {@code seconds}
     * @param series the names of its series, in the order of each point's values
     * @param points one per bucket, oldest first
     */
    public record Chart(String name, String title, String unit, List<String> series, List<Point> points) {
        public Chart {
            series = List.copyOf(series);
            points = List.copyOf(points);
        }
    }

    /**
     * One bucket: where it starts in each period and the value of each series there ({@code null}: nothing to
     * measure, such as an average of no ratings).
     */
    public record Point(Instant start, Instant previousStart, List<Double> current, List<Double> previous) {
        public Point {
            current = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(current));
            previous = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(previous));
        }
    }
}
