package dev.chatbot.web.error;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A request refused with a 4xx/5xx status, rendered as {@code {"error": code, "message": message}} by
 * {@link JsonErrorHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** How long the client should wait before trying again (429, 503), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
