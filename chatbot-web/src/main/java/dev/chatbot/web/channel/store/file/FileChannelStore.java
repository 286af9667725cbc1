package dev.chatbot.web.channel.store.file;

import dev.chatbot.files.PrivateFiles;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.channel.ChannelAddress;
import dev.chatbot.web.channel.ChannelStore;
import dev.chatbot.web.channel.Delivery;
import dev.chatbot.web.channel.store.DeliveryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel store in files under {@code <dataDir>/channels/}: {@code addresses.jsonl} (appended, one line per
 * conversation) and {@code outbox.json} (the pending deliveries, replaced atomically on each change and
 * fsynced). For one instance; the whole state is also held in memory.
 */
public final class FileChannelStore implements ChannelStore {

    private record AddressLine(String conversationId, ChannelAddress address) {
    }

    private final Path addressesFile;
    private final Path outboxFile;
    private final Map<ConversationId, ChannelAddress> addresses = new ConcurrentHashMap<>();
    private final Map<String, Delivery> outbox = new LinkedHashMap<>();

    private FileChannelStore(Path dir) {
        this.addressesFile = dir.resolve("addresses.jsonl");
        this.outboxFile = dir.resolve("outbox.json");
    }

    public static FileChannelStore open(Path dataDir) {
        Path dir = dataDir.resolve("channels");
        FileChannelStore store = new FileChannelStore(dir);
        try {
            PrivateFiles.directory(dir);
            if (Files.exists(store.addressesFile)) {
                PrivateFiles.restrict(store.addressesFile, PrivateFiles.FILE); // earlier versions: world-readable
                for (String line : Files.readAllLines(store.addressesFile, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) { // a torn last line from a crash is skipped
                        try {
                            AddressLine a = DeliveryJson.read(line, AddressLine.class);
                            store.addresses.putIfAbsent(ConversationId.of(a.conversationId()), a.address());
                        } catch (RuntimeException e) {
                            // ignore the unreadable line
                        }
                    }
                }
            }
            if (Files.exists(store.outboxFile)) {
                PrivateFiles.restrict(store.outboxFile, PrivateFiles.FILE);
                for (Delivery d : DeliveryJson.read(Files.readString(store.outboxFile), Delivery[].class)) {
                    store.outbox.put(d.id(), d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the channel store in " + dir, e);
        }
        return store;
    }

    @Override
    public synchronized void remember(ConversationId conversation, ChannelAddress address) {
        if (addresses.containsKey(conversation)) {
            return;
        }
        String line = DeliveryJson.write(new AddressLine(conversation.value(), address)) + "\n";
        try (FileChannel out = PrivateFiles.open(addressesFile, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(StandardCharsets.UTF_8.encode(line));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + addressesFile, e);
        }
        addresses.put(conversation, address);
    }

    @Override
    public Optional<ChannelAddress> address(ConversationId conversation) {
        return Optional.ofNullable(addresses.get(conversation));
    }

    @Override
    public synchronized void enqueue(Delivery delivery) {
        if (outbox.putIfAbsent(delivery.id(), delivery) == null) {
            save();
        }
    }

    @Override
    public synchronized List<Delivery> pending(int limit) {
        return outbox.values().stream().sorted(DeliveryJson.OLDEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized int pendingCount() {
        return outbox.size();
    }

    @Override
    public synchronized void delivered(String deliveryId) {
        if (outbox.remove(deliveryId) != null) {
            save();
        }
    }

    @Override
    public synchronized void retryLater(Delivery updated) {
        if (outbox.replace(updated.id(), updated) != null) {
            save();
        }
    }

    private void save() {
        Path tmp = outboxFile.resolveSibling("outbox.json.tmp");
        try (FileChannel out = PrivateFiles.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(DeliveryJson.write(new ArrayList<>(outbox.values()))));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, outboxFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + outboxFile, e);
        }
    }

    @Override
    public void close() {
        // every write is already on disk
    }
}
