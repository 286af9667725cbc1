package dev.chatbot.channel.sqlite;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.channel.DeadLetter;
import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.sqlite.SqlJson;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQLite adapter of the channel port: tables {@code channel_address}, {@code outbox} and {@code dead_letter} (with the
 * media, contact details and relay marks beside them) in the shared embedded database.
 *
 * <p>Over 250 lines: one short method per operation of the channel port.
 */
public final class SqliteChannelStore implements ChannelStore {

    private final SqliteDatabase db;

    public SqliteChannelStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void remember(ConversationId conversation, ChannelAddress address) {
        db.write(s -> {
            PreparedStatement add = s.prepare("INSERT OR IGNORE INTO channel_address (conversation_id, channel, "
                    + "address, created_at, relayed_seq) VALUES (?, ?, ?, ?, 0)");
            add.setString(1, conversation.value());
            add.setString(2, address.channel());
            add.setString(3, address.address());
            add.setLong(4, System.currentTimeMillis());
            return add.executeUpdate();
        });
    }

    @Override
    public Optional<ChannelAddress> address(ConversationId conversation) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT channel, address FROM channel_address WHERE conversation_id = ?");
            q.setString(1, conversation.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new ChannelAddress(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        });
    }

    @Override
    public List<ConversationId> conversationsOf(ChannelAddress customer) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT conversation_id FROM channel_address WHERE channel = ? "
                    + "AND address = ? ORDER BY created_at, conversation_id");
            q.setString(1, customer.channel());
            q.setString(2, customer.address());
            List<ConversationId> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(ConversationId.of(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public void enqueue(Delivery delivery) {
        db.write(s -> {
            PreparedStatement add = s.prepare("INSERT OR IGNORE INTO outbox (id, conversation_id, created_at, seq, "
                    + "delivery, not_before) VALUES (?, ?, ?, ?, ?, ?)");
            add.setString(1, delivery.id());
            add.setString(2, delivery.conversationId());
            add.setLong(3, delivery.createdAt().toEpochMilli());
            add.setLong(4, delivery.sequence());
            add.setString(5, DeliveryJson.write(delivery));
            add.setLong(6, delivery.notBefore().toEpochMilli());
            return add.executeUpdate();
        });
    }

    @Override
    public List<Delivery> pending(int limit) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT delivery FROM outbox ORDER BY created_at, seq, id LIMIT ?");
            q.setInt(1, limit);
            return deliveries(q);
        });
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return db.read(s -> {
            // each conversation's first delivery, if due: the index on not_before finds the due ones, the one on
            // (conversation_id, seq) tells whether an earlier one of the same conversation is still waiting
            PreparedStatement q = s.prepare("SELECT o.delivery FROM outbox o WHERE o.not_before <= ? AND NOT EXISTS "
                    + "(SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id AND p.seq < o.seq) "
                    + "ORDER BY o.not_before, o.created_at, o.seq LIMIT ?");
            q.setLong(1, now.toEpochMilli());
            q.setInt(2, limit);
            return deliveries(q);
        });
    }

    private static List<Delivery> deliveries(PreparedStatement q) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(DeliveryJson.delivery(rs.getString(1)));
            }
        }
        return out;
    }

    @Override
    public int pendingCount() {
        return db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT count(*) FROM outbox").executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Override
    public void delivered(String deliveryId) {
        db.write(s -> {
            PreparedStatement q = s.prepare("DELETE FROM outbox WHERE id = ?");
            q.setString(1, deliveryId);
            return q.executeUpdate();
        });
    }

    @Override
    public void retryLater(Delivery updated) {
        db.write(s -> {
            PreparedStatement q = s.prepare("UPDATE outbox SET delivery = ?, not_before = ? WHERE id = ?");
            q.setString(1, DeliveryJson.write(updated));
            q.setLong(2, updated.notBefore().toEpochMilli());
            q.setString(3, updated.id());
            return q.executeUpdate();
        });
    }

    @Override
    public void deadLetter(DeadLetter letter) {
        Delivery d = letter.delivery();
        db.write(s -> {
            PreparedStatement add = s.prepare("INSERT OR IGNORE INTO dead_letter (id, conversation_id, seq, failed_at, "
                    + "letter) VALUES (?, ?, ?, ?, ?)");
            add.setString(1, d.id());
            add.setString(2, d.conversationId());
            add.setLong(3, d.sequence());
            add.setLong(4, letter.failedAt().toEpochMilli());
            add.setString(5, DeliveryJson.write(letter));
            add.executeUpdate();
            PreparedStatement remove = s.prepare("DELETE FROM outbox WHERE id = ?");
            remove.setString(1, d.id());
            return remove.executeUpdate();
        });
    }

    @Override
    public List<DeadLetter> deadLetters(ConversationId conversation) {
        return jsonOf(
                conversation,
                "SELECT letter FROM dead_letter WHERE conversation_id = ? ORDER BY seq",
                DeadLetter.class);
    }

    /** The JSON documents {@code query} selects for the conversation (its only parameter), read as {@code type}. */
    private <T> List<T> jsonOf(ConversationId conversation, String query, Class<T> type) {
        return db.read(s -> {
            PreparedStatement q = s.prepare(query);
            q.setString(1, conversation.value());
            List<T> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(DeliveryJson.read(rs.getString(1), type));
                }
            }
            return out;
        });
    }

    @Override
    public void attach(ConversationId conversation, MediaReference media) {
        db.write(s -> {
            PreparedStatement add = s.prepare("INSERT OR IGNORE INTO channel_media (conversation_id, message_id, "
                    + "received_at, media) VALUES (?, ?, ?, ?)");
            add.setString(1, conversation.value());
            add.setString(2, media.messageId());
            add.setLong(3, media.receivedAt().toEpochMilli());
            add.setString(4, DeliveryJson.write(media));
            return add.executeUpdate();
        });
    }

    @Override
    public void attach(ConversationId conversation, MediaReference media, byte[] content) {
        db.write(s -> {
            PreparedStatement add = s.prepare("INSERT OR IGNORE INTO channel_media (conversation_id, message_id, "
                    + "received_at, media) VALUES (?, ?, ?, ?)");
            add.setString(1, conversation.value());
            add.setString(2, media.messageId());
            add.setLong(3, media.receivedAt().toEpochMilli());
            add.setString(4, DeliveryJson.write(media));
            if (add.executeUpdate() == 0) {
                return 0;
            }
            PreparedStatement file = s.prepare(
                    "INSERT OR IGNORE INTO channel_media_content (conversation_id, message_id, content) VALUES (?, ?, ?)");
            file.setString(1, conversation.value());
            file.setString(2, media.messageId());
            file.setBytes(3, content);
            return file.executeUpdate();
        });
    }

    @Override
    public Optional<byte[]> content(ConversationId conversation, String messageId) {
        return db.read(s -> {
            PreparedStatement q =
                    s.prepare("SELECT content FROM channel_media_content WHERE conversation_id = ? AND message_id = ?");
            q.setString(1, conversation.value());
            q.setString(2, messageId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public void relayed(ConversationId conversation, long sequence) {
        db.write(s -> {
            PreparedStatement mark = s.prepare("UPDATE channel_address SET relayed_seq = ? "
                    + "WHERE conversation_id = ? AND relayed_seq IS NOT NULL AND relayed_seq < ?");
            mark.setLong(1, sequence);
            mark.setString(2, conversation.value());
            mark.setLong(3, sequence);
            return mark.executeUpdate();
        });
    }

    @Override
    public void relayFinished(ConversationId conversation) {
        db.write(s -> {
            PreparedStatement done =
                    s.prepare("UPDATE channel_address SET relayed_seq = NULL WHERE conversation_id = ?");
            done.setString(1, conversation.value());
            return done.executeUpdate();
        });
    }

    @Override
    public Map<ConversationId, Long> relayMarks() {
        return db.read(s -> {
            PreparedStatement q =
                    s.prepare("SELECT conversation_id, relayed_seq FROM channel_address WHERE relayed_seq IS NOT NULL");
            Map<ConversationId, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(ConversationId.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public void leaveContact(ConversationId conversation, ContactDetails details) {
        db.write(s -> {
            PreparedStatement put = s.prepare(
                    "INSERT OR REPLACE INTO contact_details (conversation_id, left_at, details) VALUES (?, ?, ?)");
            put.setString(1, conversation.value());
            put.setLong(2, details.leftAt().toEpochMilli());
            put.setString(3, DeliveryJson.write(details));
            return put.executeUpdate();
        });
    }

    @Override
    public Optional<ContactDetails> contactDetails(ConversationId conversation) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT details FROM contact_details WHERE conversation_id = ?");
            q.setString(1, conversation.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next()
                        ? Optional.of(DeliveryJson.read(rs.getString(1), ContactDetails.class))
                        : Optional.<ContactDetails>empty();
            }
        });
    }

    @Override
    public List<MediaReference> media(ConversationId conversation) {
        return jsonOf(
                conversation,
                "SELECT media FROM channel_media WHERE conversation_id = ? ORDER BY received_at, message_id",
                MediaReference.class);
    }

    @Override
    public long delete(Collection<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return 0L;
        }
        String list =
                SqlJson.array(conversations.stream().map(ConversationId::value).toList());
        return db.writeBulk(
                s -> {
                    PreparedStatement address = s.prepare("DELETE FROM channel_address WHERE conversation_id IN "
                            + "(SELECT value FROM json_each(?))");
                    address.setString(1, list);
                    PreparedStatement outbox = s.prepare(
                            "DELETE FROM outbox WHERE conversation_id IN " + "(SELECT value FROM json_each(?))");
                    outbox.setString(1, list);
                    PreparedStatement dead = s.prepare(
                            "DELETE FROM dead_letter WHERE conversation_id IN " + "(SELECT value FROM json_each(?))");
                    dead.setString(1, list);
                    PreparedStatement media = s.prepare(
                            "DELETE FROM channel_media WHERE conversation_id IN " + "(SELECT value FROM json_each(?))");
                    media.setString(1, list);
                    PreparedStatement content = s.prepare("DELETE FROM channel_media_content WHERE conversation_id IN "
                            + "(SELECT value FROM json_each(?))");
                    content.setString(1, list);
                    content.executeUpdate(); // counted with its media reference
                    PreparedStatement contact = s.prepare("DELETE FROM contact_details WHERE conversation_id IN "
                            + "(SELECT value FROM json_each(?))");
                    contact.setString(1, list);
                    return (long) contact.executeUpdate()
                            + address.executeUpdate()
                            + outbox.executeUpdate()
                            + dead.executeUpdate()
                            + media.executeUpdate();
                },
                null);
    }

    @Override
    public List<Delivery> pendingOf(ConversationId conversation) {
        return db.read(s -> {
            PreparedStatement q =
                    s.prepare("SELECT delivery FROM outbox WHERE conversation_id = ? ORDER BY created_at, seq, id");
            q.setString(1, conversation.value());
            return deliveries(q);
        });
    }

    @Override
    public void close() {
        // the database belongs to whoever opened it
    }
}
