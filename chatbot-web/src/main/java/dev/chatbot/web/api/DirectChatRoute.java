package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.error.JsonErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ServerWebInputException;
import dev.chatbot.web.limits.RequestLimitsFilter;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two requests a chat sends all the time, {@code POST /api/v1/conversations} and
 * {@code POST /api/v1/conversations/{id}/messages}, answered by Reactor Netty directly instead of through Spring
 * WebFlux's exchange, filter chain, router and codecs: under load these took 3-5% of the server's CPU per message
 * (docs/benchmarks.md, "Seventh look"), CPU the classifier then lacks.
 *
 * <p>This route only takes a request it answers exactly as the WebFlux route would (the same handler, rate limits,
 * JSON mapper, error bodies, CORS headers and {@code http.server.requests} metric): a plain path without a query,
 * a declared JSON body within the body limit, header values without control characters, no CORS origin other than
 * an allowed one. Anything else, a preflight or a chunked body for instance, falls through to Spring, which
 * answers or refuses it as before. {@code DirectChatRouteTest} sends the same requests both ways and compares.
 */
final class DirectChatRoute implements NettyRouteProvider {

    private static final String CONVERSATIONS = "/api/v1/conversations";
    private static final String MESSAGES = "/messages";
    private static final List<String> VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers");

    private final ChatHandler handler;
    private final RequestLimitsFilter limits;
    private final int maxBodyBytes;
    private final List<String> allowedOrigins;
    private final ObjectReader startReader;
    private final ObjectReader messageReader;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();
    private volatile boolean enabled;

    DirectChatRoute(ChatHandler handler, RequestLimitsFilter limits, int maxBodyBytes, List<String> allowedOrigins,
                    JsonMapper json, MeterRegistry meters, boolean enabled) {
        this.handler = handler;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.json = json;
        this.startReader = json.readerFor(ChatJson.StartRequest.class);
        this.messageReader = json.readerFor(ChatJson.MessageRequest.class);
        this.meters = meters;
        this.enabled = enabled;
    }

    /** Off: every request goes through WebFlux (tests compare the two; an operator can turn the route off). */
    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How many requests this route answered (the rest went to WebFlux). */
    long answered() {
        return answered.sum();
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::takes, this::answer);
    }

    /** Whether the request is one this route answers exactly as WebFlux would; otherwise WebFlux takes it. */
    boolean takes(HttpServerRequest request) {
        if (!enabled || request.method() != HttpMethod.POST) {
            return false;
        }
        String uri = request.uri();
        if (!uri.equals(CONVERSATIONS) && conversationOf(uri) == null) {
            return false;
        }
        HttpHeaders headers = request.requestHeaders();
        long length = declaredLength(headers.get(HttpHeaderNames.CONTENT_LENGTH));
        if (length <= 0 || length > maxBodyBytes || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                || headers.contains(HttpHeaderNames.EXPECT) || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))
                || !acceptsJson(headers.getAll(HttpHeaderNames.ACCEPT))) {
            return false;
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !sameOrigin(request, origin) && !allowedOrigins.contains(origin)
                && !allowedOrigins.contains("*")) {
            return false; // WebFlux's CORS processor refuses it (403)
        }
        for (Map.Entry<String, String> header : headers) {
            if (!plain(header.getKey()) || !plain(header.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code origin} is the server's own (the widget's demo page, which browsers send an Origin with every
     * POST from): exactly the request's scheme and Host, which WebFlux's CORS processor also takes as not cross-origin.
     */
    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        String scheme = request.scheme();
        return host != null && origin.length() == scheme.length() + 3 + host.length() && origin.startsWith(scheme)
                && origin.startsWith("://", scheme.length()) && origin.endsWith(host);
    }

    /** The id text of {@code /api/v1/conversations/{id}/messages}, null for any other target. */
    static String conversationOf(String uri) {
        int start = CONVERSATIONS.length() + 1;
        int end = uri.length() - MESSAGES.length();
        if (end <= start || !uri.startsWith(CONVERSATIONS) || uri.charAt(start - 1) != '/' || !uri.endsWith(MESSAGES)) {
            return null;
        }
        String id = uri.substring(start, end);
        return ConversationId.isValid(id) ? id : null;
    }

    private static long declaredLength(String value) {
        if (value == null || value.isEmpty() || value.length() > 9) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && (contentType.equalsIgnoreCase("application/json")
                || contentType.replace(" ", "").equalsIgnoreCase("application/json;charset=UTF-8"));
    }

    private static boolean acceptsJson(List<String> accept) {
        if (accept.isEmpty()) {
            return true;
        }
        if (accept.size() > 1) {
            return false;
        }
        if (accept.get(0).indexOf(';') >= 0) { // q-values and parameters: WebFlux weighs them
            return false;
        }
        for (String type : accept.get(0).split(",")) {
            String plain = type.strip();
            if (plain.equals("*/*") || plain.equalsIgnoreCase("application/json") || plain.equals("application/*")) {
                return true;
            }
        }
        return false;
    }

    /** Printable ASCII (and tab): what a header of this API holds; anything else WebFlux's firewall judges. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c > '~') {
                return false;
            }
        }
        return true;
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        answered.increment();
        String conversation = conversationOf(request.uri());
        String uriTag = conversation == null ? CONVERSATIONS : CONVERSATIONS + "/{id}" + MESSAGES;
        Mono<Answer> answer = Mono.defer(() -> {
            limits.acquire(request.remoteAddress()); // the per-address limit, the same limiter
            if (conversation == null) {
                return this.<ChatJson.StartRequest>body(request, startReader)
                        .defaultIfEmpty(ChatHandler.EMPTY_START)
                        .flatMap(handler::start)
                        .map(created -> new Answer(HttpResponseStatus.CREATED, created.location(), created.body()));
            }
            ConversationId id = handler.tokenChecked(conversation,
                    ChatHandler.bearer(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION)));
            handler.limit(id);
            return this.<ChatJson.MessageRequest>body(request, messageReader)
                    .switchIfEmpty(Mono.error(ChatHandler::noText))
                    .flatMap(body -> handler.answer(id, body))
                    .map(reply -> new Answer(HttpResponseStatus.OK, null, reply));
        });
        // the answer or the refusal is settled before anything is written: a failure while writing (the client
        // gone) ends the exchange, as it does in WebFlux, and is never answered a second time
        return answer
                .map(ok -> {
                    byte[] bytes = json.writeValueAsBytes(ok.body());
                    record(uriTag, ok.status().code(), null, started);
                    return new Written(ok.status(), ok.location(), null, bytes);
                })
                .onErrorResume(e -> {
                    ApiException error = JsonErrorHandler.answerFor("POST", request.uri(), e);
                    record(uriTag, error.status().value(), e, started);
                    return Mono.just(new Written(HttpResponseStatus.valueOf(error.status().value()), null, error,
                            JsonErrorHandler.body(error)));
                })
                .flatMap(written -> send(written, request, response));
    }

    /** An answer ready to write: a success (with its location) or a refusal (with its error). */
    private record Written(HttpResponseStatus status, String location, ApiException error, byte[] body) {
    }

    private Mono<Void> send(Written written, HttpServerRequest request, HttpServerResponse response) {
        response.status(written.status());
        for (String vary : VARY) {
            response.addHeader(HttpHeaderNames.VARY, vary);
        }
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !sameOrigin(request, origin)) {
            response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigins.contains("*") ? "*" : origin);
        }
        if (written.location() != null) {
            response.header(HttpHeaderNames.LOCATION, written.location());
        }
        response.header(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(written.body().length));
        ApiException error = written.error();
        if (error != null && error.status().is4xxClientError()) { // the request had a body: as JsonErrorHandler.write
            response.header(HttpHeaderNames.CONNECTION, "close");
        }
        if (error != null && error.retryAfter() != null) {
            response.header("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        return response.sendByteArray(Mono.just(written.body())).then();
    }

    private record Answer(HttpResponseStatus status, String location, Map<String, Object> body) {
    }

    /**
     * The body read as {@code reader}'s type with the application's JSON mapper (strict types), empty for JSON
     * {@code null} as in WebFlux; a body that does not read is refused as WebFlux's decoder refuses it.
     */
    private <T> Mono<T> body(HttpServerRequest request, ObjectReader reader) {
        return request.receive().aggregate().asByteArray().handle((bytes, sink) -> {
            try {
                T value = reader.readValue(bytes);
                if (value != null) {
                    sink.next(value);
                }
            } catch (JacksonException e) {
                sink.error(new ServerWebInputException("Failed to read HTTP message", null,
                        new DecodingException("JSON decoding error: " + e.getOriginalMessage(), e)));
            }
        });
    }

    /** {@code http.server.requests}, tagged as Spring's observation tags it. */
    private void record(String uri, int status, Throwable error, long started) {
        String exception = error == null ? "none" : error.getClass().getSimpleName();
        timers.computeIfAbsent(uri + ' ' + status + ' ' + exception, key -> {
            String outcome = status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS";
            return Timer.builder("http.server.requests")
                    .tags("error", exception, "exception", exception, "method", "POST", "outcome", outcome,
                            "status", Integer.toString(status), "uri", uri)
                    .register(meters);
        }).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
