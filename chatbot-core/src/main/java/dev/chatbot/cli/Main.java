package dev.chatbot.cli;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.model.ModelLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code ./chatbot}: dispatches to one command and maps failures to one clear line. */
public final class Main {

    static final String USAGE = """
            usage: chatbot <command> [options]
              train     --data <dir|file.csv|rasa.yml> [--out models] [--test file.csv] [--oos-label out_of_scope]
                        [--target-precision 0.95] [--oos-share 0.2] [--no-promote]
              evaluate  --model <model dir> --test <file.csv> [--oos-label <label>] [--json <report.json>]
              models    list | promote <version> | rollback   [--models models]
              retrain   [--store embedded|redis] [--data-dir var] [--redis-url redis://host:6379] [--since <date>]
                        [--promote auto|never|force] [--data training-data] [--test training-data/test.csv]
                        [--models models] [--tolerance 0.02] [--recent-share 0.2] [--target-precision 0.95]
              suggest-intents [--store embedded|redis] [--data-dir var] [--since <date>] [--data training-data]
                        [--similarity 0.6] [--min-size 3] [--json file]
                        [--create <group#> [--name <intent>] --answer <text> [--category suggested]]
              serve     [--port 8080] [--store embedded|redis] [--redis-url redis://host:6379] [--data-dir var]
              retention [--dry-run] [--days 180]                  (and --store, --data-dir, --redis-url as retrain)
              erase     --conversation <id> | --customer <channel>:<userId> [--by <name>]
              export    --customer <channel>:<userId> | --since <date> [--until <date>] --format csv|jsonl [--out file]
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "train" -> new TrainCommand(out).run(rest);
                case "evaluate" -> new EvaluateCommand(out).run(rest);
                case "models" -> new ModelsCommand(out).run(rest);
                case "retrain" -> new RetrainCommand(out).run(rest);
                case "suggest-intents" -> new SuggestIntentsCommand(out).run(rest);
                case "retention" -> new RetentionCommand(out).run(rest);
                case "erase" -> new EraseCommand(out).run(rest);
                case "export" -> new ExportCommand(out, err).run(rest);
                default -> throw new UsageException("unknown command '" + args.get(0) + "' (try: chatbot help)");
            };
        } catch (UsageException e) {
            err.println("chatbot: " + e.getMessage());
            return 2;
        } catch (DataFormatException | ModelLoadException e) {
            err.println("chatbot: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("chatbot: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("chatbot: " + args.get(0) + " failed: " + e);
            return 1;
        }
    }
}
