package dev.chatbot.web.channel;

import java.util.Objects;

/** Where a conversation of a messaging channel is delivered: the channel's name and its user or chat id. */
public record ChannelAddress(String channel, String address) {

    public ChannelAddress {
        if (channel == null || !channel.matches("[a-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("invalid channel name: " + channel);
        }
        Objects.requireNonNull(address, "address");
        if (address.isBlank() || address.length() > 200) {
            throw new IllegalArgumentException("a channel address has 1-200 characters");
        }
    }
}
