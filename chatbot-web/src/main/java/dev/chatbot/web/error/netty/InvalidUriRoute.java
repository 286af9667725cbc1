package dev.chatbot.web.error.netty;

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
public final class InvalidUriRoute implements NettyRouteProvider {

    private static final byte[] BODY = JsonErrorHandler.body(ApiException.badRequest(
            "the request path is not a valid URI: a '%' must start an escape of two hex digits, such as %2F"));

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> !isUri(request), (request, response) -> response
                .status(HttpResponseStatus.BAD_REQUEST)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(BODY.length))
                .sendByteArray(Mono.just(BODY)));
    }

    private static boolean isUri(HttpServerRequest request) {
        return isUri(request.uri());
    }

    /** Whether Spring can make its request URI of this target: origin form, or absolute form without its authority. */
    static boolean isUri(String target) {
        try {
            new URI("http://localhost" + originForm(target));
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
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
