package dev.chatbot.cli;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Entry point of {@code ./chatbot}: dispatches to one command and maps failures to one clear line. Every command
 * answers {@code --help} (or {@code -h}) with its lines of {@link #USAGE} and exit 0, before its own arguments are
 * parsed: a new command gets that by adding its lines there.
 */
public final class Main {

    static final String USAGE = """
            usage: chatbot <command> [options]          (chatbot <command> --help: that command's options)
              serve     [--port 8080] [--store embedded|redis] [--redis-url redis://host:6379] [--data-dir var]
                        [--model models/current]
              train     --data <dir|file.csv|rasa.yml> [--out models] [--test file.csv] [--oos-label out_of_scope]
                        [--target-precision 0.95] [--oos-share 0.2] [--no-promote]
              evaluate  --model <model dir> --test <file.csv> [--oos-label <label>] [--json <report.json>]
              models    list | promote <version> | rollback   [--models models]
              retrain   [--store embedded|redis] [--data-dir var] [--redis-url redis://host:6379] [--since <date>]
                        [--promote auto|never|force] [--data training-data] [--test training-data/test.csv]
                        [--models models] [--tolerance 0.02] [--recent-share 0.2] [--target-precision 0.95]
                        [--oos-share <estimated from not-covered marks>]
              suggest-intents [--store embedded|redis] [--data-dir var] [--since <date>] [--data training-data]
                        [--similarity 0.6] [--min-size 3] [--json file]
                        [--create <group#> [--name <intent>] --answer <text> [--category suggested]]
              retention [--dry-run] [--days 180] [--store embedded|redis] [--data-dir var] [--redis-url redis://host:6379]
              erase     --conversation <id> | --customer <channel>:<userId> [--by <name>]
                        [--store embedded|redis] [--data-dir var] [--redis-url redis://host:6379]
              export    --customer <channel>:<userId> | --since <date> [--until <date>] --format csv|jsonl [--out file]
                        [--store embedded|redis] [--data-dir var] [--redis-url redis://host:6379]
              test      [maven arguments]    installs Redis and Chromium when missing, starts Redis, runs mvn verify
              help      [<command>]          this text, or one command's
              --version                      the version
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.print(USAGE);
            return 2;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            return help(rest.isEmpty() ? null : rest.get(0), out, err);
        }
        if (command.equals("--version")) {
            out.println("chatbot " + version());
            return 0;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return help(command, out, err);
        }
        try {
            return switch (command) {
                case "train" -> new TrainCommand(out).run(rest);
                case "evaluate" -> new EvaluateCommand(out).run(rest);
                case "models" -> new ModelsCommand(out).run(rest);
                case "retrain" -> new RetrainCommand(out).run(rest);
                case "suggest-intents" -> new SuggestIntentsCommand(out).run(rest);
                case "retention" -> new RetentionCommand(out).run(rest);
                case "erase" -> new EraseCommand(out).run(rest);
                case "export" -> new ExportCommand(out, err).run(rest);
                default -> throw new UsageException("unknown command '" + command + "' (try: chatbot help)");
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
            err.println("chatbot: " + command + " failed: " + e);
            return 1;
        }
    }

    /** The whole usage ({@code command} null) or one command's, exit 0; an unknown command is a usage error (2). */
    private static int help(String command, PrintStream out, PrintStream err) {
        if (command == null) {
            out.print(USAGE);
            return 0;
        }
        String usage = usage(command);
        if (usage == null) {
            err.println("chatbot: unknown command '" + command + "' (try: chatbot help)");
            return 2;
        }
        out.print(usage);
        return 0;
    }

    /** {@code usage: chatbot <command> ...} with its lines of {@link #USAGE}, or null for an unknown command. */
    public static String usage(String command) {
        List<String> lines = new ArrayList<>();
        for (String line : USAGE.split("\n")) {
            boolean startsCommand = line.startsWith("  ") && !line.startsWith("   ");
            if (startsCommand) {
                if (!lines.isEmpty()) {
                    break;
                }
                if (line.strip().equals(command) || line.strip().startsWith(command + " ")) {
                    lines.add("usage: chatbot " + line.strip().replaceFirst(" +", " "));
                }
            } else if (!lines.isEmpty()) {
                lines.add("       " + line.strip());
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines) + "\n";
    }

    /** The version of this build, from the build. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
