package dev.chatbot.transcript.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes and reads events as one-line JSON objects: the envelope {@code v}, {@code type},
 * {@code conversationId}, {@code seq}, then the event's own fields. Ids are plain strings, times ISO-8601.
 * Unknown fields are ignored (fields may be added within a version); an unknown {@code v} or {@code type}
 * is refused with {@link IllegalArgumentException}. Thread-safe.
 * Over 250 lines: the one-pass reader of the written form sits beside the general path it must agree with.
 */
public final class EventJson {

    private static final Map<String, Class<? extends TranscriptEvent>> TYPES = Arrays.stream(
                    TranscriptEvent.class.getPermittedSubclasses())
            .map(c -> c.asSubclass(TranscriptEvent.class))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, c -> c));

    private final JsonMapper mapper;

    public EventJson() {
        SimpleModule ids = new SimpleModule("chatbot-ids");
        stringValue(ids, ConversationId.class, ConversationId::value, ConversationId::new);
        stringValue(ids, MessageId.class, MessageId::value, MessageId::new);
        stringValue(ids, AgentId.class, AgentId::value, AgentId::new);
        stringValue(ids, IntentName.class, IntentName::value, IntentName::new);
        ids.addDeserializer(Instant.class, new StdDeserializer<Instant>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
                Instant plain = p.currentToken() == JsonToken.VALUE_STRING ? plainUtc(p.getString()) : null;
                return plain != null ? plain : InstantDeserializer.INSTANT.deserialize(p, ctxt);
            }
        });
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

    /** Several events as one JSON array on one line (a line of the JSON-lines files the embedded store imports). */
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
        StoredEvent streamed = readStreamed(json);
        if (streamed != null) {
            return streamed;
        }
        try {
            return fromTree(mapper.readTree(json));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The event in one pass, without a tree, if the text starts with the envelope as {@link #write} puts it
     * ({@code v}, {@code type}, {@code conversationId}, {@code seq}, then the event's own fields) and is valid;
     * otherwise null, and {@link #read} takes the general path, which also names what is wrong. Reading a live
     * event from Redis (every event, on every instance) spent half its time building and copying the tree.
     */
    StoredEvent readStreamed(String json) {
        try (JsonParser p = mapper.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT
                    || !"v".equals(p.nextName())
                    || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getIntValue() != TranscriptEvent.SCHEMA_VERSION
                    || !"type".equals(p.nextName())
                    || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            Class<? extends TranscriptEvent> cls = TYPES.get(p.getString());
            if (cls == null || !"conversationId".equals(p.nextName()) || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            ConversationId id = ConversationId.of(p.getString());
            if (!"seq".equals(p.nextName()) || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                return null;
            }
            long seq = p.getLongValue();
            // the parser now stands on the event's first own field: the event's deserializer reads from there
            if (p.nextToken() != JsonToken.PROPERTY_NAME) {
                return null;
            }
            TranscriptEvent event = mapper.readValue(p, cls);
            // the deserializer read up to the object's end (and cleared the parser's current token): nothing may follow
            if (event == null || !p.streamReadContext().inRoot() || p.nextToken() != null) {
                return null;
            }
            return new StoredEvent(id, seq, event);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
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
        mapper.writeValue(
                generator,
                new Envelope(
                        TranscriptEvent.SCHEMA_VERSION,
                        stored.event().type(),
                        stored.conversationId().value(),
                        stored.sequence(),
                        stored.event()));
    }

    /** What one stored line holds: the envelope's fields, then the event's own (unwrapped into the same object). */
    private record Envelope(
            int v,
            String type,
            String conversationId,
            long seq,
            @JsonUnwrapped TranscriptEvent event) {}

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
            return new StoredEvent(
                    ConversationId.of(node.path("conversationId").asString("")),
                    node.path("seq").asLong(0),
                    event);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid " + type + " event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form every event's time is written in, read by hand: the
     * formatter-based reader was a third of the cost of reading an event. Null for any other form (offsets, other
     * digits, out-of-range fields), which the general reader then takes exactly as before.
     */
    static Instant plainUtc(String text) {
        int n = text.length();
        if (n < 20
                || n > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (text.charAt(19) != '.' || n == 21) {
                return null;
            }
            nanos = digits(text, 20, n - 1);
            for (int i = n - 1; i < 29; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static <T> void stringValue(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
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
