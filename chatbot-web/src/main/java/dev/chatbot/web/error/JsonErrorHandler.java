package dev.chatbot.web.error;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error as JSON {@code {"error": "<code>", "message": "<what was wrong>"}} with its status, as
 * {@link ErrorAnswers} decides them. Runs before Spring Boot's own error handler.
 */
@Component
@Order(-2)
public class JsonErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        return write(
                exchange,
                answerFor(
                        exchange.getRequest().getMethod().name(),
                        exchange.getRequest().getPath().value(),
                        ex));
    }

    /**
     * The answer to a request ({@code method path}, for the log) that failed with {@code ex}; a 503 is logged as a
     * warning and any other 5xx as an error with its stack trace, which never goes into the answer.
     */
    public static ApiException answerFor(String method, String path, Throwable ex) {
        ApiException error = ErrorAnswers.of(ex);
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
            response.getHeaders()
                    .set(
                            "Retry-After",
                            Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        DataBuffer buffer = response.bufferFactory().wrap(body(error));
        return response.writeWith(Mono.just(buffer));
    }

    /** The error's JSON body, {@code {"error": "<code>", "message": "<what was wrong>"}}, in UTF-8. */
    public static byte[] body(ApiException error) {
        return JSON.writeValueAsString(Map.of("error", error.code(), "message", error.getMessage()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
