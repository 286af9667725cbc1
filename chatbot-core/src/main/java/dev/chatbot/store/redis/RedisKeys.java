package dev.chatbot.store.redis;

import dev.chatbot.transcript.ConversationId;

/**
 * Key and channel names. A conversation's keys carry the hash tag {@code {conv:<id>}} so they share one
 * Cluster hash slot (the append script touches only those); the queue and the conversation index are
 * global keys that are only touched by single commands.
 */
record RedisKeys(String prefix) {

    String events(ConversationId id) {
        return tag(id) + ":events";
    }

    String state(ConversationId id) {
        return tag(id) + ":state";
    }

    String live(ConversationId id) {
        return tag(id) + ":live";
    }

    /** Pattern matching every conversation's live channel. */
    String livePattern() {
        return prefix + ":{conv:*}:live";
    }

    String queue() {
        return prefix + ":queue";
    }

    String conversations() {
        return prefix + ":conversations";
    }

    private String tag(ConversationId id) {
        return prefix + ":{conv:" + id.value() + "}";
    }
}
