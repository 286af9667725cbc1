package dev.chatbot.web.lifecycle;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.lifecycle.Erasure;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's erasure requests (ADMIN): {@code POST /api/v1/console/erasures} with a conversation id or a customer
 * ({@code <channel>:<userId>}) first answers what would be erased; only the same request with {@code "confirm": true}
 * erases it. {@code GET} lists the tombstones. Blocking work runs off the event loop.
 */
final class ErasureHandler {

    /** A request body: exactly one of {@code conversationId} and {@code customer}. */
    record Request(String conversationId, String customer, Boolean confirm) {}

    private final Erasure erasure;
    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final JsonBodies json;
    private final Offload offload;

    ErasureHandler(
            Erasure erasure, TranscriptStore transcripts, ChannelStore channels, JsonBodies json, Offload offload) {
        this.erasure = erasure;
        this.transcripts = transcripts;
        this.channels = channels;
        this.json = json;
        this.offload = offload;
    }

    Mono<ServerResponse> erase(ServerRequest request) {
        return json.read(request, Request.class)
                .switchIfEmpty(Mono.error(() ->
                        ApiException.badRequest("a JSON body with \"conversationId\" or \"customer\" is required")))
                .zipWith(request.principal().map(p -> "agent:" + p.getName()))
                .flatMap(t -> offload.io(() -> answer(t.getT1(), t.getT2())))
                .flatMap(json::ok);
    }

    private Map<String, Object> answer(Request body, String by) {
        boolean byConversation =
                body.conversationId() != null && !body.conversationId().isBlank();
        boolean byCustomer = body.customer() != null && !body.customer().isBlank();
        if (byConversation == byCustomer) {
            throw ApiException.badRequest("give either \"conversationId\" or \"customer\" (<channel>:<userId>)");
        }
        ConversationId id = byConversation
                ? parse(() -> ConversationId.of(body.conversationId().strip()))
                : null;
        ChannelAddress customer =
                byCustomer ? parse(() -> ChannelAddress.parse(body.customer().strip())) : null;
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Boolean.TRUE.equals(body.confirm())) {
            List<ConversationId> found = byConversation
                    ? (transcripts.session(id).exists() ? List.of(id) : List.of())
                    : channels.conversationsOf(customer);
            out.put("confirmed", false);
            out.put("conversations", found.stream().map(ConversationId::value).toList());
            out.put(
                    "message",
                    found.isEmpty()
                            ? "nothing stored to erase"
                            : "send the same request with \"confirm\": true to erase " + found.size()
                                    + " conversation(s) for good");
            return out;
        }
        Erasure.Report r = byConversation ? erasure.conversation(id, by) : erasure.customer(customer, by);
        out.put("confirmed", true);
        out.put(
                "conversations",
                r.conversations().stream().map(ConversationId::value).toList());
        out.put("events", r.events());
        out.put("otherRecords", r.otherRecords());
        return out;
    }

    Mono<ServerResponse> tombstones(ServerRequest request) {
        return offload.io(() -> transcripts.tombstones().stream()
                        .map(ErasureHandler::view)
                        .toList())
                .flatMap(json::ok);
    }

    private static Map<String, Object> view(Tombstone t) {
        return Map.of(
                "conversationId",
                t.conversationId().value(),
                "erasedAt",
                t.erasedAt().toString(),
                "erasedBy",
                t.erasedBy());
    }

    private static <T> T parse(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
