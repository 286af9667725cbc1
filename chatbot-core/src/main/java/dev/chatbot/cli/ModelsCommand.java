package dev.chatbot.cli;

import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code chatbot models list | promote <version> | rollback}. */
final class ModelsCommand {

    private final PrintStream out;

    ModelsCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException, IOException, ModelLoadException {
        Args args = Args.parse(argv, Set.of("models"), Set.of());
        ModelRepository repository = new ModelRepository(Path.of(args.get("models", "models")));
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new UsageException("models needs a subcommand: list, promote <version> or rollback");
        }
        switch (words.get(0)) {
            case "list" -> list(repository);
            case "promote" -> {
                if (words.size() != 2) {
                    throw new UsageException("usage: chatbot models promote <version>");
                }
                repository.promote(words.get(1));
                out.println("promoted " + words.get(1));
            }
            case "rollback" -> out.println("rolled back to " + repository.rollback());
            default -> throw new UsageException("unknown models subcommand '" + words.get(0) + "'");
        }
        return 0;
    }

    private void list(ModelRepository repository) throws IOException {
        var entries = repository.list();
        if (entries.isEmpty()) {
            out.println("no models in " + repository.root());
            return;
        }
        out.printf(
                Locale.ROOT,
                "  %-28s %-20s %7s %8s %9s %9s  %s%n",
                "version",
                "created",
                "intents",
                "examples",
                "threshold",
                "held-out",
                "source");
        for (var e : entries) {
            String mark = e.current() ? "*" : " ";
            if (e.manifest() == null) {
                out.printf(Locale.ROOT, "%s %-28s unreadable: %s%n", mark, e.version(), e.problem());
                continue;
            }
            var m = e.manifest();
            out.printf(
                    Locale.ROOT,
                    "%s %-28s %-20s %7d %8d %9.4f %9.4f  %s%n",
                    mark,
                    e.version(),
                    m.createdAt().length() > 19 ? m.createdAt().substring(0, 19) : m.createdAt(),
                    m.labels().size(),
                    m.training().examples(),
                    m.threshold(),
                    m.calibration().heldOutAccuracy(),
                    m.training().source());
        }
        out.println("(* = current)");
    }
}
