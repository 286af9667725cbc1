package dev.chatbot.channel.sqlite;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the channel files of a data directory written before the database ({@code channels/addresses.jsonl} and
 * {@code channels/outbox.json}) into it, once, then renames the directory {@code channels.imported}. Existing rows win
 * (an import cut short is run again); an unreadable address line is skipped with a warning (the old store did so too).
 */
public final class ChannelFilesImport {

    private static final Logger log = LoggerFactory.getLogger(ChannelFilesImport.class);

    private record AddressLine(String conversationId, ChannelAddress address) {}

    private ChannelFilesImport() {}

    /** @return how many addresses and deliveries were imported */
    public static int importOnce(SqliteDatabase db, Path dataDir) {
        Path dir = dataDir.resolve("channels");
        Path addressesFile = dir.resolve("addresses.jsonl");
        Path outboxFile = dir.resolve("outbox.json");
        if (!Files.isRegularFile(addressesFile) && !Files.isRegularFile(outboxFile)) {
            return 0;
        }
        List<AddressLine> addresses = new ArrayList<>();
        List<Delivery> outbox = new ArrayList<>();
        try {
            if (Files.isRegularFile(addressesFile)) {
                int lineNo = 0;
                for (String line : Files.readAllLines(addressesFile, StandardCharsets.UTF_8)) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        addresses.add(DeliveryJson.read(line, AddressLine.class));
                    } catch (RuntimeException e) {
                        log.warn("{}:{}: skipping an unreadable address line", addressesFile, lineNo);
                    }
                }
            }
            if (Files.isRegularFile(outboxFile)) {
                outbox.addAll(List.of(DeliveryJson.read(Files.readString(outboxFile), Delivery[].class)));
            }
        } catch (IOException | RuntimeException e) {
            throw new TranscriptStoreException("cannot read the channel files in " + dir + ": " + e.getMessage(), e);
        }
        int imported = db.write(s -> {
            int n = 0;
            PreparedStatement a = s.prepare("INSERT OR IGNORE INTO channel_address (conversation_id, channel, address, "
                    + "created_at) VALUES (?, ?, ?, ?)");
            for (AddressLine line : addresses) {
                a.setString(1, line.conversationId());
                a.setString(2, line.address().channel());
                a.setString(3, line.address().address());
                a.setLong(4, System.currentTimeMillis());
                n += a.executeUpdate();
            }
            PreparedStatement d = s.prepare("INSERT OR IGNORE INTO outbox (id, conversation_id, created_at, seq, "
                    + "delivery, not_before) VALUES (?, ?, ?, ?, ?, ?)");
            for (Delivery delivery : outbox) {
                d.setString(1, delivery.id());
                d.setString(2, delivery.conversationId());
                d.setLong(3, delivery.createdAt().toEpochMilli());
                d.setLong(4, delivery.sequence());
                d.setString(5, DeliveryJson.write(delivery));
                d.setLong(6, delivery.notBefore().toEpochMilli());
                n += d.executeUpdate();
            }
            return n;
        });
        Path target = dataDir.resolve("channels.imported");
        for (int i = 2; Files.exists(target); i++) {
            target = dataDir.resolve("channels.imported." + i);
        }
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new TranscriptStoreException("imported " + dir + " but cannot rename it to " + target, e);
        }
        log.info(
                "Imported {} channel addresses and deliveries from {}; the old files are kept in {}",
                imported,
                dir,
                target);
        return imported;
    }
}
