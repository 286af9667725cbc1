package dev.chatbot.web.http;

import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.error.UnreadableBodyException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's JSON bodies, read and written with the application's {@link JsonMapper} (strict types) directly, with
 * no codec chosen per request: a request body is gathered up to the body limit (413 past it) and read as its
 * record type; a response is written as bytes with its length. Refusals are those of the API: 415 for a body that
 * is not JSON, 400 for one that does not read (naming a field of the wrong type), 413 for one that is too large.
 * Thread-safe.
 */
public final class JsonBodies {

    /** JSON's Unicode encodings; a body declared in another charset is refused (415), as Spring's JSON codec does. */
    private static final Set<Charset> JSON_CHARSETS = Set.of(
            StandardCharsets.UTF_8,
            StandardCharsets.UTF_16,
            StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE,
            Charset.forName("UTF-32"),
            Charset.forName("UTF-32BE"),
            Charset.forName("UTF-32LE"));

    private static final MediaType ANY_JSON = MediaType.parseMediaType("application/*+json");

    private final JsonMapper json;
    private final int maxBodyBytes;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    public JsonBodies(JsonMapper json, int maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The request's body as {@code type}: empty without a body or for JSON {@code null}. A body needs a JSON
     * Content-Type; a request without one may only come without a body.
     */
    public <T> Mono<T> read(ServerRequest request, Class<T> type) {
        return Mono.defer(() -> {
            MediaType contentType = request.headers().contentType().orElse(null); // a garbled one is a 400
            if (contentType != null && !isJson(contentType)) {
                return Mono.error(notJson());
            }
            return bytes(request).handle((bytes, sink) -> {
                if (contentType == null) {
                    sink.error(notJson());
                    return;
                }
                T value = parse(bytes, contentType.getCharset(), type);
                if (value != null) {
                    sink.next(value);
                }
            });
        });
    }

    /** The request's raw body, up to the body limit (413 past it); empty without one. */
    public Mono<byte[]> bytes(ServerRequest request) {
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                });
    }

    /** 200 with {@code body} as JSON. */
    public Mono<ServerResponse> ok(Object body) {
        return write(ServerResponse.ok(), body);
    }

    /** 201 with {@code body} as JSON and the new resource's location. */
    public Mono<ServerResponse> created(URI location, Object body) {
        return write(ServerResponse.created(location), body);
    }

    /** {@code status} with {@code body} as JSON. */
    public Mono<ServerResponse> status(HttpStatus status, Object body) {
        return write(ServerResponse.status(status), body);
    }

    private Mono<ServerResponse> write(ServerResponse.BodyBuilder response, Object body) {
        byte[] bytes = writers.computeIfAbsent(body.getClass(), json::writerFor).writeValueAsBytes(body);
        return response.contentType(MediaType.APPLICATION_JSON)
                .contentLength(bytes.length)
                .body((message, context) -> message.writeWith(
                        Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes))));
    }

    private <T> T parse(byte[] bytes, Charset charset, Class<T> type) {
        ObjectReader reader = readers.computeIfAbsent(type, json::readerFor);
        try {
            // UTF-8 is read from the bytes (invalid sequences are refused, not replaced); other Unicode charsets
            // decoded first
            return charset == null || charset.equals(StandardCharsets.UTF_8)
                    ? reader.readValue(bytes)
                    : reader.readValue(new String(bytes, charset));
        } catch (JacksonException e) {
            throw new UnreadableBodyException(e);
        }
    }

    private static boolean isJson(MediaType type) {
        if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isCompatibleWith(ANY_JSON)) {
            return false;
        }
        try {
            return type.getCharset() == null || JSON_CHARSETS.contains(type.getCharset());
        } catch (IllegalArgumentException unknownCharset) {
            return false;
        }
    }

    private static ApiException notJson() {
        return new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "the body must be JSON (Content-Type: application/json)");
    }
}
