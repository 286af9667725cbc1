package dev.chatbot.cli;

import dev.chatbot.lifecycle.Retention;
import dev.chatbot.lifecycle.RetentionSettings;
import dev.chatbot.store.Stores;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code chatbot retention [--dry-run] [--days 180]}: deletes the conversations whose last activity is older than the
 * retention period, with their channel data, beside a running server, and prints what it deleted (or would).
 */
final class RetentionCommand {

    private final PrintStream out;

    RetentionCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, StoreOptions.with("days"), Set.of("dry-run"));
        double days = args.number("days", RetentionSettings.DEFAULT_PERIOD.toDays());
        if (days < 0 || days != Math.rint(days)) {
            throw new UsageException("option --days needs a whole number of days, 0 to keep everything");
        }
        RetentionSettings settings = RetentionSettings.days((long) days);
        try (Stores stores = Stores.openBeside(StoreOptions.settings(args))) {
            Retention retention = new Retention(
                    stores.transcripts(), stores.conversationData(), settings, stores::scrub, Clock.systemUTC());
            if (settings.keepsForever()) {
                out.println("retention: 0 days keeps every conversation; nothing to delete");
                return 0;
            }
            if (args.flag("dry-run")) {
                Retention.Report r = retention.dryRun();
                out.printf(
                        "retention (dry run): %d conversations last active before %s would be deleted%n",
                        r.conversations(), r.cutoff());
                return 0;
            }
            Progress progress = new Progress(out);
            progress.report(
                    "deleting conversations last active before " + retention.cutoff() + " (" + (long) days + " days)");
            Retention.Report r = retention.sweep(p -> {
                if (p.conversations() % 5_000 < settings.batchSize()) {
                    progress.report(p.conversations() + " conversations deleted so far");
                }
            });
            out.printf(
                    "retention: deleted %d conversations (%d events, %d channel records) last active before %s%n",
                    r.conversations(), r.events(), r.otherRecords(), r.cutoff());
            return 0;
        }
    }
}
