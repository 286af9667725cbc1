package dev.chatbot.web.error;

/**
 * A request the service refuses for what it asks, said without HTTP, so that services below the handlers can
 * refuse: {@link JsonErrorHandler} gives each kind its status (400, 404, 409) and answers {@code code} and the message.
 */
public final class Refusal extends RuntimeException {

    /** What kind of refusal: the input is wrong, the thing asked for does not exist, or it clashes with what exists. */
    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT
    }

    private final Kind kind;
    private final String code;

    private Refusal(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
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
