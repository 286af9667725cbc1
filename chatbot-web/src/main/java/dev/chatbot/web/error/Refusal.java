package dev.chatbot.web.error;

import java.time.Duration;

/**
 * A request the service refuses for what it asks, said without HTTP, so that services below the handlers can
 * refuse: {@link JsonErrorHandler} gives each kind its status (400, 404, 409, 429 with Retry-After) and answers
 * {@code code} and the message.
 */
public final class Refusal extends RuntimeException {

    /**
     * What kind of refusal: the input is wrong, the thing asked for does not exist, it clashes with what exists, or
     * the client asks too often (try again after {@link #retryAfter}).
     */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        TOO_MANY
    }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    private Refusal(Kind kind, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    private Refusal(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    /** Over a rate or a cap: {@code code} such as {@code rate_limited}, and when to try again. */
    public static Refusal tooMany(String code, String message, Duration retryAfter) {
        return new Refusal(Kind.TOO_MANY, code, message, retryAfter);
    }

    /** When to try again ({@link Kind#TOO_MANY}), else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, "bad_request", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not_found", message);
    }

    /** @param code the error code the client sees, such as {@code intent_exists} */
    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
