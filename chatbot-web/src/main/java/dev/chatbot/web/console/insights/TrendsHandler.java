package dev.chatbot.web.console.insights;

import dev.chatbot.hours.HoursSource;
import dev.chatbot.insights.Trends;
import dev.chatbot.insights.TrendsReport;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
    private final HoursSource hours;
    private final JsonBodies json;
    private final Offload offload;

    /** @param hours the opening hours, whose time zone is the shop's: buckets start at its midnight */
    TrendsHandler(Trends trends, Clock clock, HoursSource hours, JsonBodies json, Offload offload) {
        this.trends = trends;
        this.clock = clock;
        this.hours = hours;
        this.json = json;
        this.offload = offload;
    }

    Mono<ServerResponse> trends(ServerRequest request) {
        ZoneId zone = hours.current().zone();
        Instant[] period = InsightsHandler.period(request.queryParam("from"), request.queryParam("to"), clock, zone);
        return offload.io(() -> view(trends.report(period[0], period[1]), zone)).flatMap(json::ok);
    }

    /** One chart as CSV: {@link #csv}; an unknown chart is 404. */
    Mono<ServerResponse> chartCsv(ServerRequest request) {
        String name = request.pathVariable("chart");
        ZoneId zone = hours.current().zone();
        Instant[] period = InsightsHandler.period(request.queryParam("from"), request.queryParam("to"), clock, zone);
        return offload.io(() -> trends.report(period[0], period[1])).flatMap(report -> {
            TrendsReport.Chart chart = report.chart(name)
                    .orElseThrow(() -> ApiException.notFound("no chart '" + name + "'; the charts are "
                            + report.charts().stream()
                                    .map(TrendsReport.Chart::name)
                                    .toList()));
            String file = "trends-" + chart.name() + "-" + InsightsHandler.day(report.from(), zone) + "-to-"
                    + InsightsHandler.day(report.to().minusMillis(1), zone) + ".csv";
            return ServerResponse.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(file)
                                    .build()
                                    .toString())
                    .bodyValue(csv(chart, zone));
        });
    }

    /**
     * A chart as CSV: a header {@code day,previous_day,start,previous_start,<series>...,previous_<series>...}, then
     * one row per bucket: the shop's days the bucket starts on, the instants it starts at, and the same values as the
     * JSON (empty where there was nothing to measure). Series names are plain words, so nothing needs quoting.
     */
    static String csv(TrendsReport.Chart chart, ZoneId zone) {
        StringBuilder out = new StringBuilder("day,previous_day,start,previous_start");
        chart.series().forEach(s -> out.append(',').append(s));
        chart.series().forEach(s -> out.append(",previous_").append(s));
        out.append("\r\n");
        for (TrendsReport.Point p : chart.points()) {
            out.append(InsightsHandler.day(p.start(), zone))
                    .append(',')
                    .append(InsightsHandler.day(p.previousStart(), zone))
                    .append(',')
                    .append(p.start())
                    .append(',')
                    .append(p.previousStart());
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

    static Map<String, Object> view(TrendsReport r, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("previousFrom", r.previousFrom().toString());
        out.put("zone", zone.getId());
        out.put("fromDay", InsightsHandler.day(r.from(), zone));
        out.put("toDay", InsightsHandler.day(r.to().minusMillis(1), zone));
        out.put("previousFromDay", InsightsHandler.day(r.previousFrom(), zone));
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
                point.put("day", InsightsHandler.day(p.start(), zone));
                point.put("previousDay", InsightsHandler.day(p.previousStart(), zone));
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
