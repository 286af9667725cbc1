package dev.chatbot.cli;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.learning.NewIntentFile;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.model.ModelFamilies;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.transcript.redis.RedisSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chatbot suggest-intents}: groups escalated messages no intent covers into suggested new intents; with
 * {@code --create <group> --answer <text>} turns a group into a new intent file in the training data.
 */
final class SuggestIntentsCommand {

    private final PrintStream out;

    SuggestIntentsCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException, DataFormatException, IOException, ModelLoadException {
        Args args = Args.parse(
                argv,
                StoreOptions.with(
                        "since",
                        "data",
                        "similarity",
                        "min-size",
                        "json",
                        "create",
                        "name",
                        "answer",
                        "category",
                        "threads"),
                Set.of());
        StoreSettings.Kind kind = RetrainCommand.parse(() -> StoreSettings.Kind.parse(args.get("store", "embedded")));
        Instant since = RetrainCommand.since(args.get("since", null));
        Path data = Path.of(args.get("data", "training-data"));
        double similarity = args.number("similarity", 0.6);
        int minSize = (int) args.number("min-size", 3);
        Progress progress = new Progress(out);
        TrainingData training = TrainingDataLoader.load(data);
        Set<IntentName> known =
                training.examples().stream().map(Example::intent).collect(Collectors.toSet());
        String redisUrl = args.get("redis-url", "redis://localhost:6379");
        var logs = TranscriptLogs.read(
                kind,
                Path.of(args.get("data-dir", "var")),
                redisUrl,
                args.get("redis-prefix", RedisSettings.defaults(redisUrl).keyPrefix()));
        List<UnmetNeeds.Message> candidates = UnmetNeeds.candidates(logs, known, since);
        progress.report(logs.size() + " conversations, " + candidates.size()
                + " escalated messages that no existing intent covers; grouping them");
        UnmetNeeds needs = RetrainCommand.parse(() -> {
            try {
                return new UnmetNeeds(
                        ModelFamilies.encoder(ModelFamilies.DEFAULT_ENCODER, null), similarity, minSize, 3000);
            } catch (ModelLoadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        UnmetNeeds.Report report = needs.group(candidates, known, (int)
                args.number("threads", Runtime.getRuntime().availableProcessors()));
        print(report);
        if (args.get("json", null) != null) {
            Path json = Path.of(args.get("json", null));
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValue(json.toFile(), report);
            out.println("groups written to " + json);
        }
        if (args.get("create", null) != null) {
            int number = (int) args.number("create", 0);
            UnmetNeeds.Group group = report.groups().stream()
                    .filter(g -> g.number() == number)
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no group #" + number + " (there are "
                            + report.groups().size() + ")"));
            IntentName name = RetrainCommand.parse(() -> IntentName.of(args.get("name", group.suggestedName())));
            if (known.contains(name)) {
                throw new UsageException("intent '" + name + "' exists already; choose another --name");
            }
            String answer = args.require("answer");
            Path file = RetrainCommand.parse(() -> {
                try {
                    return NewIntentFile.create(
                            data.resolve("intents"), name, args.get("category", "suggested"), answer, group.messages());
                } catch (IOException | DataFormatException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
            out.printf(
                    "created %s with %d examples from group #%d; run ./chatbot retrain to learn it%n",
                    file, group.messages().stream().distinct().count(), number);
        }
        return 0;
    }

    private void print(UnmetNeeds.Report report) {
        out.printf(
                Locale.ROOT,
                "%nunmet needs: %d escalated messages no intent covers; %d groups, %d not grouped%n",
                report.candidates(),
                report.groups().size(),
                report.ungrouped());
        for (UnmetNeeds.Group g : report.groups()) {
            out.printf(
                    Locale.ROOT,
                    "%n#%-3d %4d messages   suggested intent: %s%n",
                    g.number(),
                    g.size(),
                    g.suggestedName());
            g.representatives().forEach(r -> out.println("       \"" + r.replace('\n', ' ') + "\""));
        }
        if (!report.groups().isEmpty()) {
            out.println(
                    "\nturn a group into an intent: chatbot suggest-intents --create <#> [--name <intent>] --answer \"...\"");
        }
    }
}
