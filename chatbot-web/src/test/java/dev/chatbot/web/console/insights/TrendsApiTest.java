package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.store.Stores;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The trend charts' JSON and each chart's CSV, for seeded conversations of a past period. */
class TrendsApiTest extends WebTestBase {

    private static final LocalDate FIRST = LocalDate.parse("2021-02-01");
    private static final String PERIOD = "?from=2021-02-01&to=2021-02-03";

    @Autowired
    Stores stores;

    @BeforeEach
    void seed() {
        synchronized (TrendsApiTest.class) {
            // once per store (the embedded and the Redis context each have their own)
            if (!stores.transcripts()
                    .conversations(
                            FIRST.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                            FIRST.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .iterator()
                    .hasNext()) {
                TrendsSeed.seed(stores.transcripts(), FIRST);
            }
        }
    }

    private ConsoleSession admin() {
        return ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> chart(Map<String, Object> trends, String name) {
        return ((List<Map<String, Object>>) trends.get("charts"))
                .stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Object> values(Map<String, Object> chart, String side, int bucket) {
        return (List<Object>)
                ((List<Map<String, Object>>) chart.get("points")).get(bucket).get(side);
    }

    @Test
    void chartsEachDayOfThePeriodBesideThePreviousPeriod() {
        ConsoleSession.Response response = admin().get("/api/v1/console/insights/trends" + PERIOD);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> trends = response.json();
        assertThat(trends)
                .containsEntry("bucket", "day")
                .containsEntry("previousFrom", "2021-01-29T00:00:00Z")
                .containsEntry("zone", "UTC")
                .containsEntry("fromDay", "2021-02-01")
                .containsEntry("toDay", "2021-02-03");
        Map<String, Object> conversations = chart(trends, "conversations");
        assertThat(List.of(
                        values(conversations, "current", 0),
                        values(conversations, "current", 1),
                        values(conversations, "current", 2)))
                .containsExactly(List.of(3.0), List.of(0.0), List.of(1.0));
        assertThat(values(conversations, "previous", 2)).containsExactly(1.0);
        assertThat((Double) values(chart(trends, "containment"), "current", 0).get(0))
                .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(values(chart(trends, "rating-average"), "current", 0)).containsExactly(4.0);
        assertThat(values(chart(trends, "first-response"), "current", 0)).containsExactly(90.0, 90.0);
        assertThat(values(chart(trends, "first-response"), "previous", 2)).containsExactly(300.0, 300.0);
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) chart(trends, "escalations").get("series");
        assertThat(values(chart(trends, "escalations"), "current", 2).get(reasons.indexOf("LOW_CONFIDENCE")))
                .isEqualTo(1.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChartsCsvHoldsTheNumbersOfItsJson() {
        ConsoleSession admin = admin();
        Map<String, Object> trends =
                admin.get("/api/v1/console/insights/trends" + PERIOD).json();
        List<Map<String, Object>> charts = (List<Map<String, Object>>) trends.get("charts");
        assertThat(charts)
                .extracting(c -> c.get("name"))
                .containsExactly(
                        "conversations", "containment", "escalations", "rating-average", "ratings", "first-response");
        for (Map<String, Object> chart : charts) {
            ConsoleSession.Response csv =
                    admin.get("/api/v1/console/insights/trends/" + chart.get("name") + ".csv" + PERIOD);
            assertThat(csv.status()).as(chart.get("name").toString()).isEqualTo(200);
            assertCsvMatches(csv.body(), chart);
        }
    }

    /** The CSV of a chart has its series as columns and, row by row, the points of its JSON. */
    @SuppressWarnings("unchecked")
    static void assertCsvMatches(String csv, Map<String, Object> chart) {
        List<String> lines = csv.lines().toList();
        List<String> series = (List<String>) chart.get("series");
        List<String> header = new ArrayList<>(List.of("day", "previous_day", "start", "previous_start"));
        header.addAll(series);
        series.forEach(s -> header.add("previous_" + s));
        assertThat(lines.get(0)).isEqualTo(String.join(",", header));
        List<Map<String, Object>> points = (List<Map<String, Object>>) chart.get("points");
        assertThat(lines).hasSize(points.size() + 1);
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = points.get(i);
            List<String> cells = Arrays.asList(lines.get(i + 1).split(",", -1));
            List<Object> expected = new ArrayList<>(
                    List.of(p.get("day"), p.get("previousDay"), p.get("start"), p.get("previousStart")));
            expected.addAll((List<Object>) p.get("current"));
            expected.addAll((List<Object>) p.get("previous"));
            assertThat(cells).as("row %d of %s", i, chart.get("name")).hasSize(expected.size());
            for (int c = 0; c < cells.size(); c++) {
                Object want = expected.get(c);
                if (want == null) {
                    assertThat(cells.get(c)).isEmpty();
                } else if (want instanceof Number n) {
                    assertThat(Double.parseDouble(cells.get(c))).isEqualTo(n.doubleValue());
                } else {
                    assertThat(cells.get(c)).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void anUnknownChartIsNotFoundAndABadPeriodIsRefusedWithJsonErrors() {
        ConsoleSession admin = admin();
        ConsoleSession.Response unknown = admin.get("/api/v1/console/insights/trends/nonsense.csv" + PERIOD);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsKeys("error", "message");
        ConsoleSession.Response bad = admin.get("/api/v1/console/insights/trends?from=2021-02-05&to=2021-02-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).containsKeys("error", "message");
    }
}
