package dev.chatbot.channel;

import java.util.Objects;

/**
 * Where a conversation of a messaging channel is delivered: the channel's name and its user or chat id. It is also
 * how a customer of a messaging channel is named in erasure and access requests ({@code whatsapp:4915112345678}).
 */
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

    /**
     * Parses {@code <channel>:<userId>}, e.g. {@code telegram:123456} (the user id may contain colons).
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static ChannelAddress parse(String customer) {
        int colon = customer == null ? -1 : customer.indexOf(':');
        if (colon < 1 || colon == customer.length() - 1) {
            throw new IllegalArgumentException(
                    "a customer is <channel>:<userId>, e.g. whatsapp:4915112345678, not '" + customer + "'");
        }
        return new ChannelAddress(customer.substring(0, colon), customer.substring(colon + 1));
    }

    @Override
    public String toString() {
        return channel + ":" + address;
    }
}
