package dev.chatbot.web.console.insights;

import dev.chatbot.insights.Trends;
import dev.chatbot.insights.TrendsReport;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's ADMIN API for trend charts: every chart of a period as JSON, and one chart's data as CSV. The period
 * is chosen as for insights ({@link InsightsHandler#period}); counting runs off the event loop.
 */
final class TrendsHandler {

    private final Trends trends;
    private final Clock clock;
    private final JsonBodies json;
    private final Offload offload;

    TrendsHandler(Trends trends, Clock clock, JsonBodies json, Offload offload) {
        this.trends = trends;
        this.clock = clock;
        this.json = json;
        this.offload = offload;
    }

    Mono<ServerResponse> trends(ServerRequest request) {
        java.time.Instant[] period =
                InsightsHandler.period(request.queryParam("from"), request.queryParam("to"), clock);
        return offload.io(() -> view(trends.report(period[0], period[1]))).flatMap(json::ok);
    }

    /** One chart as CSV: {@link #csv}; an unknown chart is 404. */
    Mono<ServerResponse> chartCsv(ServerRequest request) {
        String name = request.pathVariable("chart");
        java.time.Instant[] period =
                InsightsHandler.period(request.queryParam("from"), request.queryParam("to"), clock);
        return offload.io(() -> trends.report(period[0], period[1])).flatMap(report -> {
            TrendsReport.Chart chart = report.chart(name)
                    .orElseThrow(() -> ApiException.notFound("no chart '" + name + "'; the charts are "
                            + report.charts().stream()
                                    .map(TrendsReport.Chart::name)
                                    .toList()));
            String file = "trends-" + chart.name() + "-" + day(report.from()) + "-to-"
                    + day(report.to().minusMillis(1)) + ".csv";
            return ServerResponse.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(file)
                                    .build()
                                    .toString())
                    .bodyValue(csv(chart));
        });
    }

    private static String day(java.time.Instant at) {
        return at.toString().substring(0, 10);
    }

    /**
     * A chart as CSV: a header {@code start,previous_start,<series>...,previous_<series>...}, then one row per bucket
     * with the same values as the JSON (empty where there was nothing to measure). Series names are plain words, so
     * nothing needs quoting.
     */
    static String csv(TrendsReport.Chart chart) {
        StringBuilder out = new StringBuilder("start,previous_start");
        chart.series().forEach(s -> out.append(',').append(s));
        chart.series().forEach(s -> out.append(",previous_").append(s));
        out.append("\r\n");
        for (TrendsReport.Point p : chart.points()) {
            out.append(p.start()).append(',').append(p.previousStart());
            p.current().forEach(v -> out.append(',').append(number(v)));
            p.previous().forEach(v -> out.append(',').append(number(v)));
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String number(Double v) {
        if (v == null) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return Double.toString(v);
    }

    static Map<String, Object> view(TrendsReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("previousFrom", r.previousFrom().toString());
        out.put("bucket", r.bucket());
        List<Map<String, Object>> charts = new ArrayList<>();
        for (TrendsReport.Chart c : r.charts()) {
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("name", c.name());
            chart.put("title", c.title());
            chart.put("unit", c.unit());
            chart.put("series", c.series());
            List<Map<String, Object>> points = new ArrayList<>();
            for (TrendsReport.Point p : c.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("start", p.start().toString());
                point.put("previousStart", p.previousStart().toString());
                point.put("current", p.current());
                point.put("previous", p.previous());
                points.add(point);
            }
            chart.put("points", points);
            charts.add(chart);
        }
        out.put("charts", charts);
        return out;
    }
}
