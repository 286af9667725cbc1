package dev.chatbot.web.api;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.channel.PhotoFormat;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/conversations/{id}/photos[?clientMessageId=...]}: a photo the customer attaches in the widget,
 * the raw file as the body. Only JPEG, PNG and WebP, recognised by their first bytes (415 otherwise, whatever the
 * declared type), up to the photo limit (413). The file is kept with the conversation, the transcript records
 * {@code [photo]}, and the conversation goes to a person (reason {@code MEDIA}), who opens it from the console.
 * The token and the conversation's message rate are checked before the body is read; a repeated
 * {@code clientMessageId} keeps the first photo and answers the first reply.
 */
final class PhotoHandler {

    static final String ACKNOWLEDGEMENT = "Thanks, we got your photo. I can't look at pictures myself, so I've passed "
            + "it to a member of our team, who will look at it and reply here.";

    private final MessagePipeline pipeline;
    private final ChatRequests requests;
    private final ChannelStore channels;
    private final JsonBodies json;
    private final RateLimiter perConversation;
    private final Clock clock;
    private final int maxPhotoBytes;

    PhotoHandler(
            MessagePipeline pipeline,
            ChatRequests requests,
            ChannelStore channels,
            JsonBodies json,
            RateLimiter perConversation,
            Clock clock,
            int maxPhotoBytes) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.channels = channels;
        this.json = json;
        this.perConversation = perConversation;
        this.clock = clock;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    Mono<ServerResponse> upload(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = requests.tokenChecked(request);
            MessageId messageId = messageId(request);
            ChatRequests.requireWithinRate(perConversation, id);
            return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxPhotoBytes)
                    .map(PhotoHandler::bytes)
                    .defaultIfEmpty(new byte[0])
                    .flatMap(content -> {
                        if (content.length == 0) {
                            throw ApiException.badRequest("the body must be the photo (JPEG, PNG or WebP)");
                        }
                        PhotoFormat format = PhotoFormat.of(content)
                                .orElseThrow(() -> new ApiException(
                                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                        "unsupported_photo_type",
                                        "only JPEG, PNG and WebP photos are accepted"));
                        MediaReference media = new MediaReference(
                                messageId.value(), "web", "image", sha256(content), format.mimeType(), clock.instant());
                        return requests.keepWhileOpen(id, conversation -> channels.attach(conversation, media, content))
                                .flatMap(conversation -> pipeline.receiveMedia(
                                        "web", conversation, messageId, "[photo]", ACKNOWLEDGEMENT));
                    })
                    .flatMap(reply -> json.ok(ChatJson.MessageReply.of(reply)));
        });
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static MessageId messageId(ServerRequest request) {
        return ChatRequests.clientMessageId(
                request.queryParam("clientMessageId").orElse(null));
    }

    private static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
