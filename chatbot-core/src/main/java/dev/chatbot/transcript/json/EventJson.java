package dev.chatbot.transcript.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes and reads events as one-line JSON objects: the envelope {@code v}, {@code type},
 * {@code conversationId}, {@code seq}, then the event's own fields. Ids are plain strings, times ISO-8601.
 * Unknown fields are ignored (fields may be added within a version); an unknown {@code v} or {@code type}
 * is refused with {@link IllegalArgumentException}. Thread-safe.
 */
public final class EventJson {

    private static final Map<String, Class<? extends TranscriptEvent>> TYPES =
            Arrays.stream(TranscriptEvent.class.getPermittedSubclasses())
                    .map(c -> c.asSubclass(TranscriptEvent.class))
                    .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, c -> c));

    private final JsonMapper mapper;

    public EventJson() {
        SimpleModule ids = new SimpleModule("chatbot-ids");
        stringValue(ids, ConversationId.class, ConversationId::value, ConversationId::new);
        stringValue(ids, MessageId.class, MessageId::value, MessageId::new);
        stringValue(ids, AgentId.class, AgentId::value, AgentId::new);
        stringValue(ids, IntentName.class, IntentName::value, IntentName::new);
        this.mapper = JsonMapper.builder()
                .addModule(ids)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public String write(StoredEvent stored) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            writeEvent(generator, stored);
        }
        return out.toString();
    }

    /** Several events as one JSON array on one line (the embedded store's unit of atomic append). */
    public String writeBatch(List<StoredEvent> batch) {
        StringWriter out = new StringWriter(256 * batch.size());
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            generator.writeStartArray();
            for (StoredEvent stored : batch) {
                writeEvent(generator, stored);
            }
            generator.writeEndArray();
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if the text is not a valid event of a known version and type */
    public StoredEvent read(String json) {
        try {
            return fromTree(mapper.readTree(json));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable event: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException if the text is not a JSON array of valid events */
    public List<StoredEvent> readBatch(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a JSON array of events");
            }
            List<StoredEvent> out = new ArrayList<>();
            for (JsonNode element : node) {
                out.add(fromTree(element));
            }
            return out;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable event batch: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The envelope, then the event's own fields, streamed: this runs for every append (on the path of every chat
     * message), where building a tree of each event and copying it into the envelope cost more than the write.
     */
    private void writeEvent(JsonGenerator generator, StoredEvent stored) {
        mapper.writeValue(generator, new Envelope(TranscriptEvent.SCHEMA_VERSION, stored.event().type(),
                stored.conversationId().value(), stored.sequence(), stored.event()));
    }

    /** What one stored line holds: the envelope's fields, then the event's own (unwrapped into the same object). */
    private record Envelope(int v, String type, String conversationId, long seq,
                            @JsonUnwrapped TranscriptEvent event) {
    }

    private StoredEvent fromTree(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        int version = node.path("v").asInt(-1);
        if (version != TranscriptEvent.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported event schema version: " + node.path("v"));
        }
        String type = node.path("type").asString("");
        Class<? extends TranscriptEvent> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("unknown event type: '" + type + "'");
        }
        try {
            // the envelope's fields are not the event's: read past them like any unknown field (no event type has
            // a field of those names; EventJsonTest round-trips every type), instead of copying the tree without them
            TranscriptEvent event = mapper.treeToValue(node, cls);
            return new StoredEvent(ConversationId.of(node.path("conversationId").asString("")),
                    node.path("seq").asLong(0), event);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid " + type + " event: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> void stringValue(SimpleModule module, Class<T> type, Function<T, String> write,
                                        Function<String, T> read) {
        module.addSerializer(type, new StdSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new StdDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                return read.apply(p.getValueAsString());
            }
        });
    }
}
