package dev.chatbot.web.error;

import dev.chatbot.conversation.ConversationClosedException;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.conversation.NotHeldByAgentException;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.conversation.UnknownMessageException;
import dev.chatbot.transcript.TranscriptStoreException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error as JSON {@code {"error": "<code>", "message": "<what was wrong>"}} with its status: the one
 * place where refusals become HTTP. The API's own ({@link ApiException}), the services' ({@link Refusal}), the
 * conversation's by name (closed, not held by this agent, unknown message, a text refused), malformed or
 * oversized bodies, unknown paths and conversations, and the store being away (503). Runs before Spring Boot's own
 * error handler.
 */
@Component
@Order(-2)
public class JsonErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RETRY_SOON = Duration.ofSeconds(2);
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        return write(exchange, answerFor(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(), ex));
    }

    /**
     * The answer to a request ({@code method path}, for the log) that failed with {@code ex}; a 503 is logged as a
     * warning and any other 5xx as an error with its stack trace, which never goes into the answer.
     */
    public static ApiException answerFor(String method, String path, Throwable ex) {
        ApiException error = translate(ex);
        if (error.status() == HttpStatus.SERVICE_UNAVAILABLE) { // expected while Redis restarts or under overload
            log.warn("{} {} answered 503 {}: {}", method, path, error.code(), ex.getMessage());
        } else if (error.status().is5xxServerError()) {
            log.error("{} {} failed", method, path, ex);
        }
        return error;
    }

    /**
     * Answers {@code error} as JSON with its status (and Retry-After); every JSON error answer goes through here,
     * the console's security refusals too. A refusal (4xx) of a request that came with a body also closes the
     * connection: most refusals come before the body is read (a missing token, an unknown id, a rate limit, a
     * body over the limit), and closing saves reading and throwing away a body the answer no longer needs. A
     * client that was refused reconnects; requests without a body, and every success, keep their connection.
     */
    public static Mono<Void> write(ServerWebExchange exchange, ApiException error) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        HttpHeaders request = exchange.getRequest().getHeaders();
        if (error.status().is4xxClientError()
                && (request.getContentLength() > 0 || request.containsHeader(HttpHeaders.TRANSFER_ENCODING))) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        if (error.retryAfter() != null) {
            response.getHeaders().set("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        DataBuffer buffer = response.bufferFactory().wrap(body(error));
        return response.writeWith(Mono.just(buffer));
    }

    /** The error's JSON body, {@code {"error": "<code>", "message": "<what was wrong>"}}, in UTF-8. */
    public static byte[] body(ApiException error) {
        return JSON.writeValueAsString(Map.of("error", error.code(), "message", error.getMessage()))
                .getBytes(StandardCharsets.UTF_8);
    }

    static ApiException translate(Throwable ex) {
        if (ex instanceof ApiException api) {
            return api;
        }
        if (causedBy(ex, DataBufferLimitException.class)) {
            return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "the request body is too large");
        }
        if (ex instanceof ConversationNotFoundException) {
            return ApiException.notFound(ex.getMessage());
        }
        if (ex instanceof Refusal refusal) {
            return new ApiException(switch (refusal.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
            }, refusal.code(), refusal.getMessage());
        }
        if (ex instanceof TextRefusedException text) {
            return text(text);
        }
        if (ex instanceof ConversationClosedException) {
            return new ApiException(HttpStatus.CONFLICT, "conversation_closed",
                    "this conversation is closed; start a new one");
        }
        if (ex instanceof NotHeldByAgentException) {
            return new ApiException(HttpStatus.CONFLICT, "conflict", ex.getMessage());
        }
        if (ex instanceof UnknownMessageException) {
            return ApiException.badRequest(ex.getMessage());
        }
        if (ex instanceof UnreadableBodyException) {
            String wrongType = wrongType(ex);
            return ApiException.badRequest(wrongType != null ? wrongType : "the body is not valid JSON of the expected shape");
        }
        if (causedBy(ex, TranscriptStoreException.class)) { // e.g. Redis restarting: the client may retry
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable",
                    "the conversation store is not reachable right now; try again shortly", RETRY_SOON);
        }
        if (causedBy(ex, RejectedExecutionException.class)) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                    "too many messages are waiting; try again shortly", RETRY_SOON);
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) { // its reason names the Java type of the body
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be JSON (Content-Type: application/json)");
        }
        if (ex instanceof NotAcceptableStatusException) {
            return new ApiException(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                    "this answers application/json (or text/event-stream for streams)");
        }
        if (causedBy(ex, InvalidMediaTypeException.class) || causedBy(ex, InvalidMimeTypeException.class)) {
            return ApiException.badRequest("the Content-Type or Accept header is not a valid media type");
        }
        if (ex instanceof ServerWebInputException input) {
            String wrongType = wrongType(input);
            if (wrongType != null) {
                return ApiException.badRequest(wrongType);
            }
            return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", causedBy(input, DecodingException.class)
                    ? "the body is not valid JSON of the expected shape" : "malformed request: " + input.getReason());
        }
        if (ex instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            String name = known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
            return new ApiException(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, name,
                    status.getReason() == null ? name.replace('_', ' ') : status.getReason());
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "something went wrong on our side");
    }

    /** The answer to a refused text: 422 when it is too long (never cut), else 400 saying what it lacks. */
    private static ApiException text(TextRefusedException refused) {
        return switch (refused.reason()) {
            case TOO_LONG -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "message_too_long",
                    "the text is " + refused.length() + " characters long; the limit is " + refused.limit());
            case BLANK -> ApiException.badRequest("\"text\" is required and must not be blank");
            case NOTHING_VISIBLE -> ApiException.badRequest("\"text\" must contain a letter, digit, punctuation mark or "
                    + "symbol, not only spaces, control or formatting characters");
        };
    }

    /**
     * {@code "text" must be a string} when a body field held a value of another JSON type (Jackson's
     * {@link MismatchedInputException} with the field's path and Java type), null otherwise: the body's root
     * being of the wrong shape, or trailing data, keeps the general message.
     */
    private static String wrongType(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                    && mismatch.getTargetType() != null) {
                StringBuilder field = new StringBuilder();
                for (JacksonException.Reference step : mismatch.getPath()) {
                    if (step.getPropertyName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
                    } else if (step.getIndex() >= 0) {
                        field.append('[').append(step.getIndex()).append(']');
                    }
                }
                return "\"" + field + "\" must be " + expected(mismatch.getTargetType());
            }
        }
        return null;
    }

    /** What a field of this Java type holds, in JSON's words. */
    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
