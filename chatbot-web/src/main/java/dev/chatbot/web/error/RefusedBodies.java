package dev.chatbot.web.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * A refusal (4xx) of a request that came with a body closes the connection after the answer. Most refusals come
 * before the body is read (a missing token, an unknown id, a rate limit, a body over the limit), and the next
 * request on such a keep-alive connection sometimes got no answer at all: ChatApiContractTest's POST without a
 * token followed by another POST on the same pooled connection timed out in one CI run, as a console 401 followed
 * by a firewall refusal did before (reliability.md). A client that was refused reconnects instead; requests
 * without a body, and every success, keep their connection.
 */
public final class RefusedBodies {

    private RefusedBodies() {
    }

    /** Sets {@code Connection: close} on a 4xx answer to a request with a body; call before the answer is written. */
    public static void closeAfter(ServerWebExchange exchange, HttpStatusCode status) {
        ServerHttpRequest request = exchange.getRequest();
        boolean hasBody = request.getHeaders().getContentLength() > 0
                || request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (status.is4xxClientError() && hasBody) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }
}
