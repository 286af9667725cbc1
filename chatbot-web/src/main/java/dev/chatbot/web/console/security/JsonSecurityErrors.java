package dev.chatbot.web.console.security;

import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.error.JsonErrorHandler;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The console's 401 and 403 answers in the API's JSON error shape ({@code {"error", "message"}}). */
final class JsonSecurityErrors {

    static final ServerAuthenticationEntryPoint UNAUTHORIZED = (exchange, e) ->
            write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "log in to the agent console first");

    /** Exchange attribute: refused because the agent must change their password first. */
    static final String PASSWORD_CHANGE_REQUIRED = JsonSecurityErrors.class.getName() + ".passwordChangeRequired";

    static final ServerAccessDeniedHandler FORBIDDEN =
            (exchange, e) -> exchange.getAttribute(PASSWORD_CHANGE_REQUIRED) != null
                    ? write(
                            exchange,
                            HttpStatus.FORBIDDEN,
                            "password_change_required",
                            "choose your own password first: POST /api/v1/console/me/password")
                    : write(
                            exchange,
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            e.getMessage() != null
                                            && e.getMessage()
                                                    .toLowerCase(java.util.Locale.ROOT)
                                                    .contains("csrf")
                                    ? "a valid CSRF token is required (header X-CSRF-TOKEN)"
                                    : "your account may not do this");

    private JsonSecurityErrors() {}

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        return JsonErrorHandler.write(exchange, new ApiException(status, code, message));
    }
}
