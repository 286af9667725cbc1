package dev.chatbot.web.console.security;

import dev.chatbot.web.error.RefusedBodies;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The console's 401 and 403 answers in the API's JSON error shape ({@code {"error", "message"}}). */
final class JsonSecurityErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final ServerAuthenticationEntryPoint UNAUTHORIZED = (exchange, e) -> write(exchange,
            HttpStatus.UNAUTHORIZED, "unauthorized", "log in to the agent console first");

    static final ServerAccessDeniedHandler FORBIDDEN = (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN,
            "forbidden", e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("csrf")
                    ? "a valid CSRF token is required (header X-CSRF-TOKEN)"
                    : "your account may not do this");

    private JsonSecurityErrors() {
    }

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        RefusedBodies.closeAfter(exchange, status);
        byte[] body = JSON.writeValueAsString(Map.of("error", code, "message", message)).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
