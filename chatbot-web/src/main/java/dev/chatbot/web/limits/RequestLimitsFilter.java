package dev.chatbot.web.limits;

import dev.chatbot.web.error.ApiException;
import java.net.InetSocketAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits on the chat API and webhooks: requests per client address (429 with Retry-After) and a declared
 * body larger than the limit (413, before reading it; undeclared bodies are capped by the codecs).
 */
public final class RequestLimitsFilter implements WebFilter {

    private final RateLimiter perClient;
    private final long maxBodyBytes;

    public RequestLimitsFilter(RateLimiter perClient, long maxBodyBytes) {
        this.perClient = perClient;
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
            return Mono.error(new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                    "the request body is larger than " + maxBodyBytes + " bytes"));
        }
        return Mono.defer(() -> {
            acquire(request.getRemoteAddress());
            return chain.filter(exchange);
        });
    }

    /** Counts a request from {@code remote} against its limit; 429 with Retry-After when it is over. */
    public void acquire(InetSocketAddress remote) {
        String client = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        perClient.acquire(client).ifPresent(wait -> {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "too many requests from this address; try again later", wait);
        });
    }
}
