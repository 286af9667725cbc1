package dev.chatbot.web.hours;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The opening hours in the console (ADMIN) and the widget's public availability. */
final class HoursHandler {

    private final OpeningHoursDesk desk;
    private final JsonBodies json;
    private final Offload offload;

    HoursHandler(OpeningHoursDesk desk, JsonBodies json, Offload offload) {
        this.desk = desk;
        this.json = json;
        this.offload = offload;
    }

    /** The body of {@code PUT /api/v1/console/hours}: as in {@code chatbot.hours}. */
    record HoursRequest(String zone, Map<String, String> weekly, Map<String, String> exceptions) {}

    Mono<ServerResponse> hours(ServerRequest request) {
        return offload.io(() -> view(desk.current(), desk.edited())).flatMap(json::ok);
    }

    Mono<ServerResponse> saveHours(ServerRequest request) {
        return json.read(request, HoursRequest.class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                        "a JSON body with \"zone\", \"weekly\" and \"exceptions\" is required")))
                .map(body -> {
                    try {
                        return OpeningHours.parse(body.zone(), body.weekly(), body.exceptions());
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                })
                .flatMap(hours -> offload.io(() -> view(desk.save(hours), true)))
                .flatMap(json::ok);
    }

    /** Public: whether the team is in and online, and when it is next in; no names, nothing else. */
    Mono<ServerResponse> availability(ServerRequest request) {
        return offload.io(desk::availability).flatMap(a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("open", a.open());
            out.put("agentsOnline", a.agentsOnline());
            out.put(
                    "nextOpening",
                    a.nextOpening().map(t -> t.toOffsetDateTime().toString()).orElse(null));
            out.put(
                    "nextOpeningText",
                    a.nextOpening().map(OpeningHours::describe).orElse(null));
            return json.ok(out);
        });
    }

    private static Map<String, Object> view(OpeningHours hours, boolean edited) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scheduled", hours.scheduled());
        out.put("zone", hours.zone().getId());
        out.put("weekly", hours.weeklyText());
        out.put("exceptions", hours.exceptionsText());
        out.put("source", edited ? "console" : "configuration");
        return out;
    }
}
