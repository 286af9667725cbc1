package dev.chatbot.cli;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.lifecycle.Erasure;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.ConversationId;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code chatbot erase --conversation <id> | --customer <channel>:<userId> [--by <name>]}: erases the conversation, or
 * every conversation of the customer, from every store, leaving a content-free tombstone, beside a running server.
 */
final class EraseCommand {

    private final PrintStream out;

    EraseCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, StoreOptions.with("conversation", "customer", "by"), Set.of());
        String conversation = args.get("conversation", null);
        String customer = args.get("customer", null);
        if ((conversation == null) == (customer == null)) {
            throw new UsageException("erase needs either --conversation <id> or --customer <channel>:<userId>");
        }
        String by = args.get("by", "cli:" + System.getProperty("user.name", "unknown"));
        ConversationId id =
                conversation == null ? null : RetrainCommand.parse(() -> ConversationId.of(conversation.strip()));
        ChannelAddress who =
                customer == null ? null : RetrainCommand.parse(() -> ChannelAddress.parse(customer.strip()));
        if (by.isBlank() || by.length() > 100) {
            throw new UsageException("option --by needs a name of 1-100 characters");
        }
        StoreSettings settings = StoreOptions.settings(args);
        try (Stores stores = Stores.openBeside(settings)) {
            Erasure erasure = new Erasure(
                    stores.transcripts(),
                    stores.channels(),
                    stores.conversationData(),
                    stores::scrub,
                    Clock.systemUTC());
            Erasure.Report r = id != null ? erasure.conversation(id, by) : erasure.customer(who, by);
            if (r.conversations().isEmpty()) {
                out.println("erase: no conversation of " + customer + " is stored; nothing erased");
                return 0;
            }
            out.printf(
                    "erase: erased %d conversation%s (%d events, %d channel records); a tombstone (id, time, %s) "
                            + "remains for each%n",
                    r.conversations().size(),
                    r.conversations().size() == 1 ? "" : "s",
                    r.events(),
                    r.otherRecords(),
                    by);
            if (settings.kind() == StoreSettings.Kind.EMBEDDED) {
                for (String old : List.of("transcripts.imported", "channels.imported")) {
                    if (Files.exists(settings.embedded().dataDir().resolve(old))) {
                        out.println(
                                "erase: note: " + settings.embedded().dataDir().resolve(old) + " still holds the "
                                        + "files of the store before the database; delete it once you no longer need it");
                    }
                }
            } else {
                out.println("erase: note: Redis keeps the erased events in its append-only file until it is "
                        + "rewritten (BGREWRITEAOF)");
            }
            return 0;
        }
    }
}
