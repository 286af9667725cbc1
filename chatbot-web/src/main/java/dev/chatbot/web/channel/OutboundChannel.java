package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.Delivery;

/**
 * Sends messages to the users of one messaging channel (generic callback, WhatsApp, Telegram). Quick replies
 * are sent as the platform's buttons where it has them, else as text. {@link #send} blocks until the platform
 * accepted the message and throws when it did not, so the caller retries; it is called from one delivery
 * thread at a time.
 */
public interface OutboundChannel {

    /** The channel name used in {@link ChannelAddress#channel()}. */
    String name();

    /** True when this channel is configured to send; unconfigured channels keep their messages pending. */
    boolean enabled();

    void send(Delivery delivery) throws Exception;
}
