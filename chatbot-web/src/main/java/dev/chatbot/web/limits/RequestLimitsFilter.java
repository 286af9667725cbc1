package dev.chatbot.web.limits;

import dev.chatbot.web.error.ApiException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits on the chat API and webhooks: requests per client address on the API (429 with Retry-After; the client
 * as {@link ClientRequests} sees it), and a declared body larger than the limit (413, before reading it;
 * undeclared bodies are capped by the codecs; a widget photo has its own, larger limit). Webhook deliveries come from a few platform addresses on behalf of
 * many users, so they are limited per channel user after their signature is checked, not here per address.
 */
public final class RequestLimitsFilter implements WebFilter {

    /** The widget's photo upload, whose body (up to {@code maxPhotoBytes}) is read by its handler, not the codecs. */
    private static final Pattern PHOTO_UPLOAD = Pattern.compile("/api/v1/conversations/[^/]+/photos");

    private final RateLimiter perClient;
    private final ClientRequests clients;
    private final long maxBodyBytes;
    private final long maxPhotoBytes;

    public RequestLimitsFilter(RateLimiter perClient, ClientRequests clients, long maxBodyBytes, long maxPhotoBytes) {
        this.perClient = perClient;
        this.clients = clients;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") && !path.startsWith("/webhooks/")) {
            return chain.filter(exchange);
        }
        long limit = PHOTO_UPLOAD.matcher(path).matches() ? maxPhotoBytes : maxBodyBytes;
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(new ApiException(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "the request body is larger than " + limit + " bytes"));
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
