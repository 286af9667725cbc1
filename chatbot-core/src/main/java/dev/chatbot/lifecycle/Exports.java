package dev.chatbot.lifecycle;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConversationData;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Exports: everything held about one customer (an access request, GDPR Art. 15 and 20) as one JSON document, and the
 * conversations started in a period for analysis, as CSV (one row per conversation, {@link ConversationSummary}) or as
 * JSON lines (every event of those conversations in the event format of docs/events.md). Conversations are read one
 * at a time, so an export of a long period streams. Blocking.
 */
public final class Exports {

    /** The CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of(
            "conversationId",
            "channel",
            "started",
            "ended",
            "state",
            "escalationReason",
            "intentsAnswered",
            "agent",
            "feedback",
            "customerMessages",
            "rating",
            "ratingComment");

    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final List<ConversationData> others;
    private final Clock clock;
    private final EventJson eventJson = new EventJson();
    private final JsonMapper json;

    /** @param others the holders of per-conversation data besides the transcripts (the channel store among them) */
    public Exports(TranscriptStore transcripts, ChannelStore channels, List<ConversationData> others, Clock clock) {
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.others = List.copyOf(others);
        this.clock = Objects.requireNonNull(clock, "clock");
        SimpleModule events = new SimpleModule("events");
        events.addSerializer(StoredEvent.class, new StdSerializer<>(StoredEvent.class) {
            @Override
            public void serialize(StoredEvent value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeRawValue(eventJson.write(value));
            }
        });
        this.json = JsonMapper.builder()
                .addModule(events)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    /**
     * Everything held about a customer of a messaging channel: for each of their conversations each holder's part
     * (the transcript's events, the channel's address and pending deliveries, ...). The writer is flushed, not closed.
     */
    public void customer(ChannelAddress customer, Writer out) {
        List<Map<String, Object>> conversations = new ArrayList<>();
        for (ConversationId id : channels.conversationsOf(customer)) {
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("conversationId", id.value());
            conversation.putAll(transcripts.export(id));
            for (ConversationData holder : others) {
                Map<String, Object> part = holder.export(id);
                if (!part.isEmpty()) {
                    conversation.put(holder.name(), part);
                }
            }
            conversations.add(conversation);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("customer", Map.of("channel", customer.channel(), "userId", customer.address()));
        document.put("exportedAt", clock.instant().toString());
        document.put("conversations", conversations);
        json.writeValue(out, document);
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV row per conversation started in {@code [from, to)}, oldest first, with the header {@link #CSV_HEADER}. */
    public int csv(Instant from, Instant to, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(
                    out,
                    CSVFormat.RFC4180
                            .builder()
                            .setHeader(CSV_HEADER.toArray(String[]::new))
                            .get());
            int rows = 0;
            for (ConversationId id : transcripts.conversations(from, to)) {
                List<StoredEvent> log = transcripts.read(id, 0);
                if (startedWithin(log, from, to)) {
                    ConversationSummary s = ConversationSummary.of(log);
                    csv.printRecord(
                            s.conversationId(),
                            s.channel(),
                            s.started(),
                            text(s.ended()),
                            s.state(),
                            text(s.escalationReason()),
                            String.join(";", s.intentsAnswered()),
                            text(s.agent()),
                            text(s.feedback()),
                            s.customerMessages(),
                            text(s.rating()),
                            cell(s.ratingComment()));
                    rows++;
                }
            }
            csv.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event of the conversations started in {@code [from, to)}, one JSON object per line, log by log. */
    public int jsonLines(Instant from, Instant to, Writer out) {
        try {
            int conversations = 0;
            for (ConversationId id : transcripts.conversations(from, to)) {
                List<StoredEvent> log = transcripts.read(id, 0);
                if (startedWithin(log, from, to)) {
                    for (StoredEvent e : log) {
                        out.write(eventJson.write(e));
                        out.write('\n');
                    }
                    conversations++;
                }
            }
            out.flush();
            return conversations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tombstones of erased conversations, for the record (they hold no content). */
    public List<Tombstone> tombstones() {
        return transcripts.tombstones();
    }

    private static boolean startedWithin(List<StoredEvent> log, Instant from, Instant to) {
        if (log.isEmpty()) {
            return false;
        }
        Instant started = log.get(0).event().at();
        return !started.isBefore(from) && started.isBefore(to);
    }

    /**
     * Customer text for a spreadsheet: a cell that starts with {@code = + - @}, a tab or a carriage return would be
     * taken for a formula, so it gets a leading apostrophe (the OWASP advice on CSV injection).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
