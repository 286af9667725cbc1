package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.Tombstone;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** A tombstone as one JSON object: {@code {"conversationId", "erasedAt", "erasedBy"}}. */
final class TombstoneJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Stored(String conversationId, String erasedAt, String erasedBy) {}

    private TombstoneJson() {}

    static String write(Tombstone t) {
        return JSON.writeValueAsString(
                new Stored(t.conversationId().value(), t.erasedAt().toString(), t.erasedBy()));
    }

    static Tombstone read(String json) {
        Stored s = JSON.readValue(json, Stored.class);
        return new Tombstone(ConversationId.of(s.conversationId()), Instant.parse(s.erasedAt()), s.erasedBy());
    }
}
