package dev.chatbot.transcript;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map that keeps what was last used for the most recent {@code limit} conversations and forgets
 * the least recently used beyond that: for what a component remembers per conversation to save work, where
 * forgetting only costs the work again.
 */
public final class RecentConversations {

    private RecentConversations() {}

    /** A synchronized map of at most {@code limit} entries, least recently used dropped first. */
    public static <V> Map<ConversationId, V> map(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(limit, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConversationId, V> eldest) {
                return size() > limit;
            }
        });
    }
}
