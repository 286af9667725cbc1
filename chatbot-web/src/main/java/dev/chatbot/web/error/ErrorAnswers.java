package dev.chatbot.web.error;

import dev.chatbot.conversation.ConversationClosedException;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.conversation.NotHeldByAgentException;
import dev.chatbot.conversation.NothingToHandOverException;
import dev.chatbot.conversation.RatingRefusedException;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.conversation.UnknownMessageException;
import dev.chatbot.transcript.TranscriptStoreException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What a failed request is answered: the one place where the service's refusals become HTTP statuses, codes and
 * messages. The API's own ({@link ApiException}), the services' ({@link Refusal}), the conversation's by name
 * (closed, not held by this agent, nothing to hand over yet, unknown message, a text refused), bodies that are malformed, of the wrong type,
 * too large or not JSON, Spring's own refusals, and the store being away or the classification queue full (503 with
 * Retry-After). Anything else is a 500 that says nothing of the cause.
 */
final class ErrorAnswers {

    private static final Duration RETRY_SOON = Duration.ofSeconds(2);
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(
            Integer.class,
            int.class,
            Long.class,
            long.class,
            Short.class,
            short.class,
            Byte.class,
            byte.class,
            BigInteger.class);

    private ErrorAnswers() {}

    /** The answer to a request that failed with {@code ex}: its status, code and message (never the exception's internals). */
    static ApiException of(Throwable ex) {
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
            if (refusal.kind() == Refusal.Kind.TOO_MANY) {
                return new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS, refusal.code(), refusal.getMessage(), refusal.retryAfter());
            }
            return new ApiException(
                    switch (refusal.kind()) {
                        case INVALID -> HttpStatus.BAD_REQUEST;
                        case NOT_FOUND -> HttpStatus.NOT_FOUND;
                        case CONFLICT, TOO_MANY -> HttpStatus.CONFLICT;
                    },
                    refusal.code(),
                    refusal.getMessage());
        }
        if (ex instanceof TextRefusedException text) {
            return text(text);
        }
        if (ex instanceof ConversationClosedException) {
            return new ApiException(
                    HttpStatus.CONFLICT, "conversation_closed", "this conversation is closed; start a new one");
        }
        if (ex instanceof NothingToHandOverException) {
            return new ApiException(
                    HttpStatus.CONFLICT,
                    "no_customer_message",
                    "tell us in a message what you need first; then a person can take over");
        }
        if (ex instanceof RatingRefusedException) {
            return new ApiException(HttpStatus.CONFLICT, "rating_refused", ex.getMessage());
        }
        if (ex instanceof NotHeldByAgentException) {
            return new ApiException(HttpStatus.CONFLICT, "conflict", ex.getMessage());
        }
        if (ex instanceof UnknownMessageException) {
            return ApiException.badRequest(ex.getMessage());
        }
        if (ex instanceof UnreadableBodyException) {
            String wrongType = wrongType(ex);
            return ApiException.badRequest(
                    wrongType != null ? wrongType : "the body is not valid JSON of the expected shape");
        }
        if (causedBy(ex, TranscriptStoreException.class)) { // e.g. Redis restarting: the client may retry
            return new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "store_unavailable",
                    "the conversation store is not reachable right now; try again shortly",
                    RETRY_SOON);
        }
        if (causedBy(ex, RejectedExecutionException.class)) {
            return new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "too many messages are waiting; try again shortly",
                    RETRY_SOON);
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) { // its reason names the Java type of the body
            return new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "the body must be JSON (Content-Type: application/json)");
        }
        if (ex instanceof NotAcceptableStatusException) {
            return new ApiException(
                    HttpStatus.NOT_ACCEPTABLE,
                    "not_acceptable",
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
            return new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "bad_request",
                    causedBy(input, DecodingException.class)
                            ? "the body is not valid JSON of the expected shape"
                            : "malformed request: " + input.getReason());
        }
        if (ex instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            String name = known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
            return new ApiException(
                    known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
                    name,
                    status.getReason() == null ? name.replace('_', ' ') : status.getReason());
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "something went wrong on our side");
    }

    /** The answer to a refused text: 422 when it is too long (never cut), else 400 saying what it lacks. */
    private static ApiException text(TextRefusedException refused) {
        return switch (refused.reason()) {
            case TOO_LONG ->
                new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "message_too_long",
                        "the text is " + refused.length() + " characters long; the limit is " + refused.limit());
            case BLANK -> ApiException.badRequest("\"text\" is required and must not be blank");
            case NOTHING_VISIBLE ->
                ApiException.badRequest("\"text\" must contain a letter, digit, punctuation mark or "
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
            if (t instanceof MismatchedInputException mismatch
                    && !mismatch.getPath().isEmpty()
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
        if (CharSequence.class.isAssignableFrom(type)
                || type == Character.class
                || type == char.class
                || type.isEnum()) {
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
