package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.insights.TrendsReport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trend charts name the shop's days, not UTC's (no Spring needed). */
class TrendsZoneTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Two days of November in Berlin: they start at 23:00 UTC the evening before. */
    private static TrendsReport report() {
        Instant from = Instant.parse("2026-10-31T23:00:00Z");
        Instant second = Instant.parse("2026-11-01T23:00:00Z");
        Instant previousFrom = Instant.parse("2026-10-29T23:00:00Z");
        TrendsReport.Chart chart = new TrendsReport.Chart(
                "conversations",
                "Conversations",
                "count",
                List.of("conversations"),
                List.of(
                        new TrendsReport.Point(from, previousFrom, List.of(3.0), List.of(1.0)),
                        new TrendsReport.Point(
                                second, Instant.parse("2026-10-30T23:00:00Z"), List.of(0.0), List.of(2.0))));
        return new TrendsReport(from, Instant.parse("2026-11-02T23:00:00Z"), previousFrom, "day", List.of(chart));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonGivesTheZoneAndEachBucketsDayThere() {
        Map<String, Object> view = TrendsHandler.view(report(), BERLIN);

        assertThat(view)
                .containsEntry("zone", "Europe/Berlin")
                .containsEntry("fromDay", "2026-11-01")
                .containsEntry("toDay", "2026-11-02")
                .containsEntry("previousFromDay", "2026-10-30");
        List<Map<String, Object>> points = (List<Map<String, Object>>)
                ((List<Map<String, Object>>) view.get("charts")).get(0).get("points");
        assertThat(points).extracting(p -> p.get("day")).containsExactly("2026-11-01", "2026-11-02");
        assertThat(points).extracting(p -> p.get("previousDay")).containsExactly("2026-10-30", "2026-10-31");
    }

    @Test
    void theCsvStartsEachRowWithTheShopsDays() {
        String csv = TrendsHandler.csv(report().charts().get(0), BERLIN);

        assertThat(csv.lines().toList())
                .containsExactly(
                        "day,previous_day,start,previous_start,conversations,previous_conversations",
                        "2026-11-01,2026-10-30,2026-10-31T23:00:00Z,2026-10-29T23:00:00Z,3,1",
                        "2026-11-02,2026-10-31,2026-11-01T23:00:00Z,2026-10-30T23:00:00Z,0,2");
    }
}
