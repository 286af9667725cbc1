package dev.chatbot.web.console.insights;

import dev.chatbot.hours.HoursSource;
import dev.chatbot.insights.Insights;
import dev.chatbot.insights.InsightsReport;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.lifecycle.Exports;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's ADMIN API for the learning loop: insights over a period, the unmet-needs groups, and a new
 * intent made from a group. Reading the store and grouping run off the event loop.
 *
 * <p>Over 250 lines: one handler per insights route, each with its CSV form.
 */
final class InsightsHandler {

    /** The default period: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;

    private static final int MESSAGES_SHOWN = 50;

    private final Insights insights;
    private final UnmetNeedsDesk unmet;
    private final Exports exports;
    private final Clock clock;
    private final HoursSource hours;
    private final JsonBodies json;
    private final Offload offload;

    /** @param hours the opening hours, whose time zone is the shop's: days of a period are its days */
    InsightsHandler(
            Insights insights,
            UnmetNeedsDesk unmet,
            Exports exports,
            Clock clock,
            HoursSource hours,
            JsonBodies json,
            Offload offload) {
        this.insights = insights;
        this.unmet = unmet;
        this.exports = exports;
        this.clock = clock;
        this.hours = hours;
        this.json = json;
        this.offload = offload;
    }

    /** A request body of {@code POST /unmet-needs/{group}/intent}. */
    record NewIntentRequest(String name, String answer, String category, List<String> examples) {}

    Mono<ServerResponse> insights(ServerRequest request) {
        ZoneId zone = hours.current().zone();
        Instant[] period = period(request.queryParam("from"), request.queryParam("to"), clock, zone);
        return offload.io(() -> view(insights.report(period[0], period[1]), zone))
                .flatMap(json::ok);
    }

    /**
     * The conversations started in the period as CSV (one row each, {@link Exports#CSV_HEADER}), as a download. Written
     * as it is read, off the event loop: a long period is never held whole in memory.
     */
    Mono<ServerResponse> exportCsv(ServerRequest request) {
        ZoneId zone = hours.current().zone();
        Instant[] period = period(request.queryParam("from"), request.queryParam("to"), clock, zone);
        Publisher<DataBuffer> csv = DataBufferUtils.outputStreamPublisher(
                out -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                    exports.csv(period[0], period[1], writer);
                },
                DefaultDataBufferFactory.sharedInstance,
                offload.ioExecutor());
        return ServerResponse.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("conversations-" + day(period[0], zone) + "-to-"
                                        + day(period[1].minusMillis(1), zone) + ".csv")
                                .build()
                                .toString())
                .body(csv, DataBuffer.class);
    }

    /** The shop's day (ISO date) that {@code at} falls on. */
    static String day(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).toString();
    }

    Mono<ServerResponse> unmetNeeds(ServerRequest request) {
        return offload.io(unmet::groups).map(InsightsHandler::unmetView).flatMap(json::ok);
    }

    Mono<ServerResponse> createIntent(ServerRequest request) {
        int group = group(request.pathVariable("group"));
        return json.read(request, NewIntentRequest.class)
                .switchIfEmpty(Mono.error(
                        () -> ApiException.badRequest("a JSON body with \"name\" and \"answer\" is required")))
                .flatMap(body -> offload.io(
                        () -> unmet.create(group, body.name(), body.answer(), body.category(), body.examples())))
                .flatMap(created -> json.status(
                        HttpStatus.CREATED,
                        Map.of(
                                "intent",
                                created.intent(),
                                "file",
                                created.file(),
                                "examples",
                                created.examples(),
                                "group",
                                group)));
    }

    /**
     * {@code [from, to)} from the query: ISO dates are whole days in {@code zone} (the shop's) with {@code to}
     * included ({@code from=2026-11-01&to=2026-11-30} is November), ISO instants are taken as they are ({@code to}
     * excluded). Default: the last {@value #DEFAULT_DAYS} days, today included.
     */
    static Instant[] period(Optional<String> fromParam, Optional<String> toParam, Clock clock, ZoneId zone) {
        Instant to = toParam.filter(s -> !s.isBlank())
                .map(s -> instant(s, "to", true, zone))
                .orElseGet(() -> LocalDate.now(clock.withZone(zone))
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant());
        Instant from = fromParam
                .filter(s -> !s.isBlank())
                .map(s -> instant(s, "from", false, zone))
                .orElseGet(() -> to.minus(Duration.ofDays(DEFAULT_DAYS)));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("\"from\" must be before \"to\"");
        }
        return new Instant[] {from, to};
    }

    private static Instant instant(String value, String name, boolean endOfDay, ZoneId zone) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("\"" + name
                    + "\" must be an ISO date such as 2026-11-01 or an instant such as " + "2026-11-01T00:00:00Z");
        }
    }

    private static int group(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no unmet-needs group '" + value + "'");
        }
    }

    static Map<String, Object> view(InsightsReport r, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("zone", zone.getId());
        out.put("fromDay", day(r.from(), zone));
        out.put("toDay", day(r.to().minusMillis(1), zone));
        out.put("reopenWindowHours", r.reopenWindow().toMinutes() / 60.0);
        out.put(
                "containment",
                map(
                        "conversations",
                        r.conversations(),
                        "contained",
                        r.contained(),
                        "handedOver",
                        r.handedOver(),
                        "open",
                        r.open(),
                        "rate",
                        r.containmentRate()));
        Map<String, Integer> reasons = new LinkedHashMap<>();
        r.escalationsByReason().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> reasons.put(e.getKey().name(), e.getValue()));
        out.put("escalationsByReason", reasons);
        out.put(
                "topIntents",
                r.topIntents().stream()
                        .map(c -> Map.of("intent", c.intent(), "answers", c.answers()))
                        .toList());
        out.put("feedback", map("given", r.feedback(), "helpful", r.helpful(), "rate", r.helpfulRate()));
        out.put("unmetNeeds", r.unmetNeeds());
        out.put("models", r.models().stream().map(InsightsHandler::version).toList());
        InsightsReport.Ratings ratings = r.ratings();
        out.put(
                "ratings",
                map(
                        "count",
                        ratings.count(),
                        "average",
                        ratings.average(),
                        "scores",
                        ratings.scores(),
                        "byAgent",
                        ratings.byAgent().stream()
                                .map(InsightsHandler::ratingGroup)
                                .toList(),
                        "byIntent",
                        ratings.byIntent().stream()
                                .map(InsightsHandler::ratingGroup)
                                .toList(),
                        "byTeam",
                        ratings.byTeam().stream()
                                .map(InsightsHandler::ratingGroup)
                                .toList()));
        out.put(
                "hours",
                map(
                        "scheduled",
                        r.hours().scheduled(),
                        "inHours",
                        traffic(r.hours().inHours()),
                        "outOfHours",
                        traffic(r.hours().outOfHours())));
        return out;
    }

    private static Map<String, Object> ratingGroup(InsightsReport.RatingGroup g) {
        return map("name", g.name(), "count", g.count(), "average", g.average());
    }

    private static Map<String, Object> traffic(InsightsReport.Traffic t) {
        return map(
                "conversations",
                t.conversations(),
                "contained",
                t.contained(),
                "handedOver",
                t.handedOver(),
                "open",
                t.open(),
                "rate",
                t.containmentRate());
    }

    private static Map<String, Object> version(InsightsReport.ModelVersion v) {
        return map(
                "version",
                v.version(),
                "current",
                v.current(),
                "createdAt",
                v.createdAt(),
                "trainingExamples",
                v.trainingExamples(),
                "intents",
                v.intents(),
                "threshold",
                v.threshold(),
                "metrics",
                v.metrics(),
                "problem",
                v.problem());
    }

    static Map<String, Object> unmetView(UnmetNeeds.Report report) {
        return Map.of(
                "candidates",
                report.candidates(),
                "ungrouped",
                report.ungrouped(),
                "groups",
                report.groups().stream()
                        .map(g -> Map.of(
                                "number",
                                g.number(),
                                "size",
                                g.size(),
                                "suggestedName",
                                g.suggestedName(),
                                "representatives",
                                g.representatives(),
                                "messages",
                                g.messages().stream()
                                        .distinct()
                                        .limit(MESSAGES_SHOWN)
                                        .toList()))
                        .toList());
    }

    /** A JSON object of key, value pairs in order; unlike {@code Map.of} it keeps null values (JSON null). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
