package dev.chatbot.transcript.redis;

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

    /** List of the tombstones of erased conversations (JSON), oldest first. */
    String erasures() {
        return prefix + ":erasures";
    }

    /** Channel carrying the ids of deleted conversations, so every instance drops its copies of their logs. */
    String forget() {
        return prefix + ":forget";
    }

    private String tag(ConversationId id) {
        return prefix + ":{conv:" + id.value() + "}";
    }
}
