package dev.chatbot.web.server;

import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.error.JsonErrorHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Reactor Netty route, ahead of Spring's: a request target that is not a URI ({@code /conversations/%zz}, a lone
 * {@code %}) gets the API's JSON 400. Spring's {@code ReactorHttpHandlerAdapter} cannot build its request from
 * such a target and answers a bare 400 itself, before any filter or error handler runs; this route takes exactly
 * the targets it would refuse, by the same test (the target after {@code scheme://host}, parsed as a URI).
 */
final class InvalidUriRoute implements NettyRouteProvider {

    private static final byte[] BODY = JsonErrorHandler.body(ApiException.badRequest(
            "the request path is not a valid URI: a '%' must start an escape of two hex digits, such as %2F"));

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(
                request -> !isUri(request),
                (request, response) -> response.status(HttpResponseStatus.BAD_REQUEST)
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(BODY.length))
                        .sendByteArray(Mono.just(BODY)));
    }

    private static boolean isUri(HttpServerRequest request) {
        return isUri(request.uri());
    }

    /** Whether Spring can make its request URI of this target: origin form, or absolute form without its authority. */
    static boolean isUri(String target) {
        if (plainOriginForm(target)) { // nearly every request: no second parse on the hot path
            return true;
        }
        try {
            new URI("http://localhost" + originForm(target));
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * A target starting with '/' made only of characters {@link URI} takes as they are in a path or query (letters,
     * digits, {@code -._~!$&'()*+,;=:@/?}): certainly a URI, without parsing it. Anything else ('%' escapes
     * included) goes through the parse.
     */
    private static boolean plainOriginForm(String target) {
        if (target.isEmpty() || target.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** {@code /path?query} of a target; of {@code http://host/path?query} the part from the path on, as Spring takes it. */
    private static String originForm(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0 || target.substring(0, scheme).chars().anyMatch(c -> c == '/' || c == '?' || c == '#')) {
            return target;
        }
        for (int i = scheme + 3; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return target.substring(i);
            }
        }
        return "";
    }
}
