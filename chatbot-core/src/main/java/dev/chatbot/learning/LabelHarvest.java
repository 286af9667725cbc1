package dev.chatbot.learning;

import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns evidence into new training examples against the existing training data.
 * <ul>
 *   <li>A message already in the training data (same text, ignoring case and spacing) with the same intent is a
 *       duplicate and dropped; with another intent it is a conflict with the training data, reported and
 *       dropped (the FAQ files win; an admin fixes them).</li>
 *   <li>The same message with different intents in the evidence is a conflict: agent labels outvote helpful
 *       answers; the strict majority wins, a tie drops the message. Every conflict is reported.</li>
 *   <li>Evidence for an intent the training data does not have is set aside (it needs an FAQ entry first), except
 *       "not covered" marks: they teach the out-of-scope label, which the training data need not have yet.</li>
 *   <li>Time split: the most recent {@code recentShare} of the kept examples is held out of training, to
 *       compare models on recent traffic, when that is at least {@code minRecent} examples.</li>
 *   <li>Languages: a message detected in one of the training data's further languages is checked against, and
 *       learnt into, that language's data (its intents, its examples); any other message against the main data.
 *       Only main-language examples are held out for the comparison, which runs on the main model.</li>
 * </ul>
 */
public final class LabelHarvest {

    /** A message that was given different intents. {@code votes}: intent to number of votes. */
    public record Conflict(String text, Map<String, Integer> votes, String trainingDataIntent, String resolution) {}

    /**
     * The outcome.
     *
     * @param training evidence to add to the training data, oldest first
     * @param recent the most recent evidence, held out of training (empty when there was too little)
     * @param notCoveredMarks messages agents marked as not covered by the FAQ
     */
    public record Result(
            int evidence,
            int agentLabels,
            int helpfulAnswers,
            int duplicates,
            List<Conflict> conflicts,
            Map<String, Integer> unknownIntents,
            List<Evidence> training,
            List<Evidence> recent,
            int notCoveredMarks) {}

    private final double recentShare;
    private final int minRecent;

    public LabelHarvest(double recentShare, int minRecent) {
        if (!(recentShare >= 0 && recentShare < 1)) {
            throw new IllegalArgumentException("recent share must be in [0, 1): " + recentShare);
        }
        this.recentShare = recentShare;
        this.minRecent = Math.max(1, minRecent);
    }

    public Result harvest(TrainingData base, List<Evidence> evidence) {
        Map<String, IntentName> known = new HashMap<>();
        Map<String, Set<IntentName>> intents = new HashMap<>();
        for (String language : languages(base)) {
            TrainingData data = dataIn(base, language);
            for (Example e : data.examples()) {
                known.putIfAbsent(language + KEY_SEPARATOR + normalise(e.text()), e.intent());
            }
            intents.put(language, data.examples().stream().map(Example::intent).collect(Collectors.toSet()));
        }
        Map<String, List<Evidence>> byText = new LinkedHashMap<>();
        Map<String, Integer> unknown = new TreeMap<>();
        for (Evidence e : evidence) {
            String language = languageIn(base, e);
            if (!intents.get(language).contains(e.intent()) && e.source() != Evidence.Source.NOT_COVERED) {
                unknown.merge(e.intent().value() + (language.isEmpty() ? "" : " (" + language + ")"), 1, Integer::sum);
                continue;
            }
            byText.computeIfAbsent(language + KEY_SEPARATOR + normalise(e.text()), k -> new ArrayList<>())
                    .add(e);
        }
        int duplicates = 0;
        List<Conflict> conflicts = new ArrayList<>();
        List<Evidence> kept = new ArrayList<>();
        for (var entry : byText.entrySet()) {
            List<Evidence> group = entry.getValue();
            List<Evidence> voters = group.stream().anyMatch(e -> e.source().byAgent())
                    ? group.stream().filter(e -> e.source().byAgent()).toList()
                    : group;
            Map<String, Integer> votes = new TreeMap<>();
            group.forEach(e -> votes.merge(e.intent().value(), 1, Integer::sum));
            IntentName winner = majority(voters);
            IntentName inData = known.get(entry.getKey());
            Evidence latest =
                    group.stream().max(Comparator.comparing(Evidence::at)).orElseThrow();
            if (inData != null) {
                if (winner != null && winner.equals(inData) && votes.size() == 1) {
                    duplicates += group.size();
                } else {
                    conflicts.add(
                            new Conflict(latest.text(), votes, inData.value(), "kept the training data's intent"));
                }
                continue;
            }
            if (votes.size() > 1) {
                conflicts.add(new Conflict(
                        latest.text(),
                        votes,
                        null,
                        winner == null ? "dropped (tie)" : "kept " + winner + " (majority)"));
            }
            if (winner != null) {
                duplicates += group.size() - 1;
                Evidence last = group.stream()
                        .filter(e -> e.intent().equals(winner))
                        .max(Comparator.comparing(Evidence::at))
                        .orElseThrow();
                kept.add(last);
            }
        }
        kept.sort(Comparator.comparing(Evidence::at)
                .thenComparing(e -> e.messageId().value()));
        List<Evidence> main =
                kept.stream().filter(e -> languageIn(base, e).isEmpty()).toList();
        int recentCount = (int) Math.floor(main.size() * recentShare);
        Set<Evidence> recentSet = recentCount >= minRecent
                ? new HashSet<>(main.subList(main.size() - recentCount, main.size()))
                : Set.of();
        List<Evidence> recent = main.stream().filter(recentSet::contains).toList();
        List<Evidence> training =
                kept.stream().filter(e -> !recentSet.contains(e)).toList();
        int agent = (int) evidence.stream()
                .filter(e -> e.source() == Evidence.Source.AGENT_LABEL)
                .count();
        int marks = (int) evidence.stream()
                .filter(e -> e.source() == Evidence.Source.NOT_COVERED)
                .count();
        return new Result(
                evidence.size(),
                agent,
                evidence.size() - agent - marks,
                duplicates,
                conflicts,
                unknown,
                List.copyOf(training),
                List.copyOf(recent),
                marks);
    }

    /**
     * The further language of {@code base} that {@code e} was detected in, or the empty string for the main data
     * (no language detected, or one the data does not have).
     */
    public static String languageIn(TrainingData base, Evidence e) {
        return e.language() != null && base.languages().containsKey(e.language()) ? e.language() : "";
    }

    /** The data of {@code language} as {@link #languageIn} names it: the main data for the empty string. */
    static TrainingData dataIn(TrainingData base, String language) {
        return language.isEmpty() ? base : base.languages().get(language);
    }

    /** The empty string (the main data) and the codes of the further languages. */
    private static List<String> languages(TrainingData base) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(base.languages().keySet());
        return out;
    }

    private static final String KEY_SEPARATOR = "\0";

    private static IntentName majority(List<Evidence> voters) {
        Map<IntentName, Integer> counts = new HashMap<>();
        voters.forEach(e -> counts.merge(e.intent(), 1, Integer::sum));
        int best = counts.values().stream().max(Integer::compare).orElse(0);
        List<IntentName> top = counts.entrySet().stream()
                .filter(c -> c.getValue() == best)
                .map(Map.Entry::getKey)
                .toList();
        return top.size() == 1 ? top.get(0) : null;
    }

    /** Lower case, single spaces, no surrounding space or trailing punctuation. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[\\s.!?]+$", "");
    }
}
