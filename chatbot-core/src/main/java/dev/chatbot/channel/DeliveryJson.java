package dev.chatbot.channel;

import java.util.Comparator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** One-line JSON of deliveries and addresses, shared by the channel store adapters. */
public final class DeliveryJson {

    public static final Comparator<Delivery> OLDEST_FIRST = Comparator.comparing(Delivery::createdAt)
            .thenComparingLong(Delivery::sequence)
            .thenComparing(Delivery::id);

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DeliveryJson() {}

    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static Delivery delivery(String json) {
        return JSON.readValue(json, Delivery.class);
    }

    public static ChannelAddress address(String json) {
        return JSON.readValue(json, ChannelAddress.class);
    }

    public static <T> T read(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }
}
