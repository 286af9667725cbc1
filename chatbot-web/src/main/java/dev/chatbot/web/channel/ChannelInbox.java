package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.RatingRefusedException;
import dev.chatbot.conversation.Reply;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.Refusal;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A message from a messaging channel's user (generic webhook, WhatsApp, Telegram): finds or starts the user's
 * conversation and runs the message through the {@link MessagePipeline}. Messages up to
 * {@link #maxMessageLength()} characters are taken (4,096 by default, what WhatsApp and Telegram allow); a longer
 * one is answered with a polite request for a shorter one. Each channel user has a message rate of their own (the
 * deliveries all come from a few platform addresses, so a per-address limit would make every user share one): over
 * it, {@link #receive} refuses with 429 and Retry-After, and {@link #take} skips the message (logged), so the rest of
 * a platform's delivery is still answered. Thread-safe.
 */
public final class ChannelInbox {

    private static final Logger log = LoggerFactory.getLogger(ChannelInbox.class);
    static final String TOO_LONG = "Sorry, that message is too long for me (%d characters; I can read up to %d). "
            + "Could you send a shorter one, or split it into a few messages?";

    /** What the customer is told of each kind of media; the kinds are those of {@link MediaReference#kind()}. */
    private static final Map<String, String> KIND_NAMES = Map.of(
            "image",
            "photo",
            "audio",
            "voice message",
            "video",
            "video",
            "document",
            "document",
            "sticker",
            "sticker",
            "location",
            "location");

    static final String MEDIA_RECEIVED = "Thanks, we got your %s. I can only read text, so I've passed it to a "
            + "member of our team, who will look at it and reply here.";

    /** How long after a close a bare score 1-5 from the customer is taken as the conversation's rating. */
    static final Duration RATING_WINDOW = Duration.ofHours(24);

    private static final java.util.regex.Pattern SCORE = java.util.regex.Pattern.compile("\\s*([1-5])\\s*");

    private final ChannelConversations conversations;
    private final Ratings ratings;
    private final ChannelStore channels;
    private final MessagePipeline pipeline;
    private final Offload offload;
    private final int maxMessageLength;
    private final RateLimiter perUser;
    private final Clock clock;

    /** Records a customer's rating of a closed conversation (the conversation service's {@code rate}). */
    @FunctionalInterface
    public interface Ratings {
        void rate(ConversationId conversation, int score, String comment);
    }

    public ChannelInbox(
            ChannelConversations conversations,
            Ratings ratings,
            ChannelStore channels,
            MessagePipeline pipeline,
            Offload offload,
            int maxMessageLength,
            RateLimiter perUser,
            Clock clock) {
        this.conversations = conversations;
        this.ratings = ratings;
        this.channels = channels;
        this.pipeline = pipeline;
        this.offload = offload;
        this.maxMessageLength = maxMessageLength;
        this.perUser = perUser;
        this.clock = clock;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    /** The bot's reply to {@code text} from {@code from}; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(ChannelAddress from, MessageId messageId, String locale, CustomerText text) {
        Optional<Duration> wait = perUser.acquire(from.toString());
        if (wait.isPresent()) {
            return Mono.error(
                    Refusal.tooMany("rate_limited", "too many messages from this user; try again later", wait.get()));
        }
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.receive(from.channel(), id, messageId, text));
    }

    /** Asks the customer for a shorter message (once per message id); the long one is not recorded. */
    public Mono<Reply> tooLong(ChannelAddress from, MessageId messageId, String locale, int length) {
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.notice(id, messageId, TOO_LONG.formatted(length, maxMessageLength)));
    }

    /**
     * One text message of a platform's delivery, handled on its own: a broken id or a message with nothing to read
     * is skipped and logged, a too long one answered with {@link #tooLong}, and any failure is logged, so the other
     * messages of the delivery are still answered and the platform gets its 200. Completes with whether the
     * message was taken.
     */
    public Mono<Boolean> take(ChannelAddress from, String messageId, String locale, String text) {
        MessageId id;
        try {
            id = MessageId.of(messageId);
        } catch (RuntimeException e) {
            log.warn("Skipped a {} message with an invalid id ({})", from.channel(), e.getMessage());
            return Mono.just(false);
        }
        java.util.regex.Matcher score = SCORE.matcher(text == null ? "" : text);
        if (score.matches()) {
            int value = Integer.parseInt(score.group(1));
            return offload.io(() -> rating(from, value))
                    .flatMap(rated -> rated ? Mono.just(true) : handle(from, id, locale, text));
        }
        return handle(from, id, locale, text);
    }

    /**
     * A bare score 1-5 right after a conversation was closed (the rating prompt's answer): recorded as its rating
     * ({@code ConversationRated}). A second score for the same conversation is dropped (it was rated already). False
     * when no conversation awaits a rating, so the message is an ordinary one.
     */
    private boolean rating(ChannelAddress from, int score) {
        Optional<ConversationId> closed = conversations.awaitingRating(from, RATING_WINDOW);
        if (closed.isEmpty()) {
            return false;
        }
        try {
            ratings.rate(closed.get(), score, "");
        } catch (RatingRefusedException refused) {
            log.info("Dropped a second {} rating of {}: {}", from.channel(), closed.get(), refused.getMessage());
        }
        return true;
    }

    private Mono<Boolean> handle(ChannelAddress from, MessageId id, String locale, String text) {
        Mono<Reply> handled;
        try {
            handled = receive(from, id, locale, CustomerText.of(text, maxMessageLength));
        } catch (TextRefusedException refused) {
            if (refused.reason() != TextRefusedException.Reason.TOO_LONG) {
                log.info("Skipped {} message {}: {}", from.channel(), id.value(), refused.getMessage());
                return Mono.just(false);
            }
            handled = tooLong(from, id, locale, refused.length());
        }
        return handled.thenReturn(true).onErrorResume(e -> {
            log.warn("Could not handle {} message {}: {}", from.channel(), id.value(), e.toString());
            return Mono.just(false);
        });
    }

    /**
     * One message of a delivery that is not text (see {@link MediaReference}): its reference is kept with the
     * conversation, the customer is told it reached the team, and the conversation goes to a person. Handled on its
     * own like {@link #take}: failures are logged, never passed on. {@code caption} may be empty.
     */
    public Mono<Boolean> takeMedia(
            ChannelAddress from, String messageId, String kind, String reference, String mimeType, String caption) {
        MessageId id;
        MediaReference media;
        try {
            id = MessageId.of(messageId);
            media = new MediaReference(id.value(), from.channel(), kind, reference, mimeType, clock.instant());
        } catch (RuntimeException e) {
            log.warn(
                    "Skipped a {} {} message with an invalid id or reference ({})",
                    from.channel(),
                    kind,
                    e.getMessage());
            return Mono.just(false);
        }
        String name = KIND_NAMES.getOrDefault(kind, "file");
        String description = "[" + name + "]"
                + (caption == null || caption.isBlank()
                        ? ""
                        : " " + caption.substring(0, Math.min(caption.length(), maxMessageLength)));
        return offload.io(() -> {
                    var conversation = conversations.conversationFor(from, id, "en");
                    channels.attach(conversation, media);
                    return conversation;
                })
                .flatMap(conversation -> pipeline.receiveMedia(
                        from.channel(), conversation, id, description, MEDIA_RECEIVED.formatted(name)))
                .thenReturn(true)
                .onErrorResume(e -> {
                    log.warn("Could not handle {} {} message {}: {}", from.channel(), kind, id.value(), e.toString());
                    return Mono.just(false);
                });
    }
}
