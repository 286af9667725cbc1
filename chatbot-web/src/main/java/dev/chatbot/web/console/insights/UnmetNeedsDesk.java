package dev.chatbot.web.console.insights;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.FaqIntentFiles;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.insights.InsightsSource;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.learning.NewIntentFile;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.web.error.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The console's side of unmet needs: groups the store's escalated messages that no intent covers (the core's
 * {@link UnmetNeeds}) and turns a group into a new intent file for the next retrain ({@link NewIntentFile}).
 * Messages that are already examples of the training data are not unmet any more and are left out. The last
 * grouping is kept, so a group number sent back by the console means the group the admin saw. Blocking: call
 * it off the event loop.
 */
final class UnmetNeedsDesk {

    /** Names of intents made in the console: lower case, digits and underscores, 2-64 characters. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");

    static final int MAX_EXAMPLES = 500;
    private static final int MAX_CATEGORY = 64;

    /** A created intent: its name, the file written and how many examples it has. */
    record Created(String intent, String file, int examples) {}

    private final InsightsSource source;
    private final Supplier<UnmetNeeds> grouping;
    private final Supplier<Set<IntentName>> servingIntents;
    private final Path trainingData;
    private final Path intentsDir;
    private final int maxTextLength;
    private volatile UnmetNeeds.Report last;

    UnmetNeedsDesk(
            InsightsSource source,
            Supplier<UnmetNeeds> grouping,
            Supplier<Set<IntentName>> servingIntents,
            Path trainingData,
            Path intentsDir,
            int maxTextLength) {
        this.source = source;
        this.grouping = grouping;
        this.servingIntents = servingIntents;
        this.trainingData = trainingData;
        this.intentsDir = intentsDir;
        this.maxTextLength = maxTextLength;
    }

    /** The intents the served model knows plus those of the training data and the new-intents directory. */
    Set<IntentName> knownIntents() {
        Set<IntentName> known = new HashSet<>(servingIntents.get());
        trainingData().forEach(d -> d.examples().forEach(e -> known.add(e.intent())));
        trainingData().forEach(d -> known.addAll(d.definitions().keySet()));
        return known;
    }

    /** Groups the current unmet needs (and remembers them for {@link #create}). */
    UnmetNeeds.Report groups() {
        Set<IntentName> known = knownIntents();
        Set<String> examples = new HashSet<>();
        trainingData()
                .forEach(d -> d.examples().stream()
                        .map(Example::text)
                        .map(UnmetNeedsDesk::key)
                        .forEach(examples::add));
        List<UnmetNeeds.Message> all = new ArrayList<>(); // the logs are read one at a time: only candidates are kept
        source.forEachUnmetLog(log -> all.addAll(UnmetNeeds.candidates(List.of(log), known, null)));
        all.sort(Comparator.comparing(UnmetNeeds.Message::at).thenComparing(UnmetNeeds.Message::conversationId));
        List<UnmetNeeds.Message> candidates =
                all.stream().filter(m -> !examples.contains(key(m.text()))).toList();
        UnmetNeeds.Report report = grouping.get()
                .group(candidates, known, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        last = report;
        return report;
    }

    /**
     * Writes a new intent made from group {@code number}: {@code examples} when given, else the group's messages.
     *
     * @throws Refusal invalid for a bad name, answer, category or examples; not found for an unknown group; a
     *         conflict when an intent of that name exists already
     */
    Created create(int number, String name, String answer, String category, List<String> examples) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw Refusal.invalid("\"name\" must be 2-64 characters: a lower-case letter, then lower-case "
                    + "letters, digits or underscores (for example delivery_abroad)");
        }
        IntentName intent = IntentName.of(name);
        if (answer == null || answer.isBlank() || answer.length() > maxTextLength) {
            throw Refusal.invalid("\"answer\" is required: 1-" + maxTextLength + " characters");
        }
        if (category != null
                && (category.length() > MAX_CATEGORY || category.chars().anyMatch(Character::isISOControl))) {
            throw Refusal.invalid("\"category\" must be at most " + MAX_CATEGORY + " characters on one line");
        }
        if (knownIntents().contains(intent)) {
            throw exists(intent);
        }
        UnmetNeeds.Report report = last == null ? groups() : last;
        UnmetNeeds.Group group = report.groups().stream()
                .filter(g -> g.number() == number)
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("no unmet-needs group #" + number + " (reload the list)"));
        List<String> texts = List.copyOf(new LinkedHashSet<>((examples == null ? group.messages() : examples)
                .stream()
                        .map(t -> t == null ? "" : t.strip())
                        .filter(t -> !t.isEmpty())
                        .toList()));
        if (texts.isEmpty()
                || texts.size() > MAX_EXAMPLES
                || texts.stream().anyMatch(t -> t.length() > maxTextLength)) {
            throw Refusal.invalid("\"examples\" must hold 1-" + MAX_EXAMPLES + " non-blank texts of at most "
                    + maxTextLength + " characters");
        }
        try {
            Path file = NewIntentFile.create(intentsDir, intent, category, answer, texts);
            last = null; // its messages are training examples now: the next grouping leaves them out
            return new Created(intent.value(), file.getFileName().toString(), texts.size());
        } catch (FileAlreadyExistsException e) {
            throw exists(intent);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the intent file in " + intentsDir, e);
        }
    }

    private static Refusal exists(IntentName intent) {
        return Refusal.conflict(
                "intent_exists", "an intent named '" + intent + "' exists already; choose another name");
    }

    /** The training data and, when it is kept apart, the console's new-intents directory. */
    private List<TrainingData> trainingData() {
        try {
            List<TrainingData> out = new ArrayList<>();
            if (trainingData != null && Files.exists(trainingData)) {
                out.add(TrainingDataLoader.load(trainingData));
            }
            if (keptApart() && hasIntentFiles(intentsDir)) {
                out.add(FaqIntentFiles.readDirectory(intentsDir));
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private boolean keptApart() {
        return trainingData == null
                || !intentsDir
                        .toAbsolutePath()
                        .normalize()
                        .equals(trainingData.resolve("intents").toAbsolutePath().normalize());
    }

    private static boolean hasIntentFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.list(directory)) {
            return files.anyMatch(
                    p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
