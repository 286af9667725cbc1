package dev.chatbot.web.console;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.error.ApiException;
import java.util.Locale;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** What the console's handlers read from a request: the agent logged in, ids of the path, enum values. */
final class ConsoleRequests {

    private ConsoleRequests() {}

    /** The agent of the request's principal (authentication ran before the handler); 401 without one. */
    static Mono<AgentId> agent(ServerRequest request) {
        return request.principal()
                .map(p -> AgentId.of(p.getName()))
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("log in to the console first")));
    }

    /** The conversation the path names; 404 for a path that is not a conversation id. */
    static ConversationId conversationId(ServerRequest request) {
        try {
            return ConversationId.of(request.pathVariable("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such conversation");
        }
    }

    static AgentId agentId(String value) {
        try {
            return AgentId.of(value == null ? null : value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("\"" + field + "\" must be " + allowed);
        }
    }
}
