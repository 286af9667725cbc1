package dev.chatbot.web.limits;

import dev.chatbot.web.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits on the chat API and webhooks: requests per client address on the API (429 with Retry-After; the client
 * as {@link ClientRequests} sees it), and a declared body larger than the limit (413, before reading it;
 * undeclared bodies are capped by the codecs). Webhook deliveries come from a few platform addresses on behalf of
 * many users, so they are limited per channel user after their signature is checked, not here per address.
 */
public final class RequestLimitsFilter implements WebFilter {

    private final RateLimiter perClient;
    private final ClientRequests clients;
    private final long maxBodyBytes;

    public RequestLimitsFilter(RateLimiter perClient, ClientRequests clients, long maxBodyBytes) {
        this.perClient = perClient;
        this.clients = clients;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") && !path.startsWith("/webhooks/")) {
            return chain.filter(exchange);
        }
        if (request.getHeaders().getContentLength() > maxBodyBytes) {
            return Mono.error(new ApiException(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "the request body is larger than " + maxBodyBytes + " bytes"));
        }
        if (path.startsWith("/webhooks/")) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            acquire(clients.of(exchange));
            return chain.filter(exchange);
        });
    }

    /** Counts a request from {@code client} (a {@link ClientRequests} key) against its limit; 429 when it is over. */
    public void acquire(String client) {
        perClient.acquire(client).ifPresent(wait -> {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "too many requests from this address; try again later",
                    wait);
        });
    }
}
