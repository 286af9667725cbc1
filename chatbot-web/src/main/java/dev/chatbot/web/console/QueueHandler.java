package dev.chatbot.web.console;

import static dev.chatbot.web.console.ConsoleRequests.agent;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The console's live queue as each agent sees it (as JSON and as server-sent events), taking the next waiting customer, and the FAQ. */
final class QueueHandler {

    private final AgentDesk desk;
    private final AgentAccounts accounts;
    private final QueueSnapshots snapshots;
    private final Supplier<Map<IntentName, IntentDefinition>> faq;
    private final JsonBodies json;
    private final Offload offload;

    QueueHandler(
            AgentDesk desk,
            AgentAccounts accounts,
            QueueSnapshots snapshots,
            Supplier<Map<IntentName, IntentDefinition>> faq,
            JsonBodies json,
            Offload offload) {
        this.desk = desk;
        this.accounts = accounts;
        this.snapshots = snapshots;
        this.faq = faq;
        this.json = json;
        this.offload = offload;
    }

    /** {@code GET .../queue?offset=0&limit=50}: a page of the queue in the agent's order, with the total. */
    Mono<ServerResponse> queue(ServerRequest request) {
        int offset = number(request, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = number(request, "limit", 1, QueueSnapshots.MAX_PAGE, QueueSnapshots.PAGE);
        return agent(request)
                .flatMap(id -> offload.io(() -> snapshots.page(id, offset, limit)))
                .flatMap(json::ok);
    }

    private static int number(ServerRequest request, String name, int min, int max, int otherwise) {
        String value = request.queryParam(name).orElse(null);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.badRequest("\"" + name + "\" must be a whole number from " + min + " to " + max);
    }

    /**
     * The agent's first page of the queue as server-sent events, at once and whenever it may have changed, from the
     * instance's one shared read ({@link QueueSnapshots}); a console that reads slowly gets the latest and skips the
     * rest.
     */
    Mono<ServerResponse> queueStream(ServerRequest request) {
        return agent(request).flatMap(id -> {
            Flux<ServerSentEvent<Object>> pages = snapshots
                    .live(id)
                    .onBackpressureLatest()
                    .map(page -> ServerSentEvent.builder((Object) page)
                            .event("queue")
                            .build());
            return ServerResponse.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(pages, ServerSentEvent.class);
        });
    }

    Mono<ServerResponse> claimNext(ServerRequest request) {
        return agent(request)
                .flatMap(id -> offload.io(() -> desk.claimNext(accounts.profile(id), accounts.roster())))
                .flatMap(claimed -> claimed.isPresent()
                        ? json.ok(Map.of(
                                "claimed", true, "conversationId", claimed.get().value()))
                        : Mono.error(new ApiException(HttpStatus.NOT_FOUND, "queue_empty", "nobody is waiting")));
    }

    Mono<ServerResponse> faq(ServerRequest request) {
        return json.ok(faq.get().values().stream()
                .sorted(Comparator.comparing(IntentDefinition::category)
                        .thenComparing(d -> d.name().value()))
                .map(ConsoleViews::faq)
                .toList());
    }
}
