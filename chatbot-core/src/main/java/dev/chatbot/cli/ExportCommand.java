package dev.chatbot.cli;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.lifecycle.Exports;
import dev.chatbot.store.Stores;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code chatbot export --customer <channel>:<userId> | --since <date> [--until <date>] --format csv|jsonl
 * [--out file]}: everything held about a customer as JSON, or the conversations started in a period as CSV (one row
 * each) or JSON lines (their events), to the file or standard output.
 */
final class ExportCommand {

    private final PrintStream out;
    private final PrintStream err;

    ExportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) throws UsageException, IOException {
        Args args = Args.parse(argv, StoreOptions.with("customer", "since", "until", "format", "out"), Set.of());
        String customer = args.get("customer", null);
        String since = args.get("since", null);
        if ((customer == null) == (since == null)) {
            throw new UsageException(
                    "export needs either --customer <channel>:<userId> or --since <date> " + "--format csv|jsonl");
        }
        String format = args.get("format", customer != null ? "json" : null);
        if (customer == null && !"csv".equals(format) && !"jsonl".equals(format)) {
            throw new UsageException("export --since needs --format csv or --format jsonl");
        }
        Instant from = RetrainCommand.since(since);
        Instant to = args.get("until", null) == null ? Instant.now() : StoreOptions.until(args.get("until", null));
        if (from != null && !from.isBefore(to)) {
            throw new UsageException("--since must be before --until");
        }
        ChannelAddress who =
                customer == null ? null : RetrainCommand.parse(() -> ChannelAddress.parse(customer.strip()));
        String file = args.get("out", null);
        try (Stores stores = Stores.openBeside(StoreOptions.settings(args));
                Writer writer = file == null
                        ? new OutputStreamWriter(out, StandardCharsets.UTF_8)
                        : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            Exports exports =
                    new Exports(stores.transcripts(), stores.channels(), stores.conversationData(), Clock.systemUTC());
            if (who != null) {
                exports.customer(who, writer);
                err.println("export: everything held about " + who + (file == null ? "" : " written to " + file));
            } else if (format.equals("csv")) {
                int rows = exports.csv(from, to, writer);
                err.println("export: " + rows + " conversations started from " + from + " to " + to
                        + (file == null ? "" : " written to " + file));
            } else {
                int conversations = exports.jsonLines(from, to, writer);
                err.println("export: the events of " + conversations + " conversations started from " + from + " to "
                        + to + (file == null ? "" : " written to " + file));
            }
            writer.flush();
        }
        return 0;
    }
}
