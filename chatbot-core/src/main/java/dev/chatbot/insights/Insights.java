package dev.chatbot.insights;

import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.hours.HoursSource;
import dev.chatbot.hours.OpeningHours;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.ModelManifest;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The insights use case: reports on a period {@code [from, to)} from what an {@link InsightsSource} reads of the
 * transcripts (the logs of the conversations active in the period, or a database's own counts):
 * <ul>
 *   <li><b>Containment</b>: of the conversations <em>started</em> in the period with at least one customer
 *       message, the share the bot settled without an agent, by the rules of {@link Containment} (no
 *       {@code Escalated} or {@code Claimed} event, and not reopened within the reopen window, default 24 h).
 *       Conversations still inside their reopen window are reported as open and left out of the rate.</li>
 *   <li><b>Escalations by reason</b>, <b>top intents answered</b> ({@code BotAnswered}) and the
 *       <b>helpful-feedback rate</b> ({@code FeedbackGiven}): events that <em>happened</em> in the period.</li>
 *   <li><b>Unmet needs</b>: customer messages of the period escalated as low confidence and not labelled with a
 *       known intent ({@link dev.chatbot.learning.UnmetNeeds#candidates}).</li>
 *   <li><b>Model versions</b> of the repository with the metrics of their {@code evaluation.json}.</li>
 *   <li><b>In and out of hours</b>: the containment numbers again, for the conversations started within the opening
 *       hours and for those started outside them, as the hours in force now classify the start times.</li>
 * </ul>
 * Reads only; safe to call from several threads. Blocking: callers keep it off event loops.
 *
 * <p>Over 250 lines: the reports above, each a short method over the same source and period.
 */
public final class Insights {

    /** How many intents {@link InsightsReport#topIntents()} lists at most. */
    public static final int TOP_INTENTS = 10;

    private final InsightsSource source;
    private final ModelRepository models;
    private final Supplier<Set<IntentName>> knownIntents;
    private final Containment containment;
    private final Clock clock;
    private final HoursSource hours;

    /**
     * Insights over any transcript store ({@link LogInsightsSource}).
     *
     * @param models the model repository, or {@code null} when the service runs without one
     * @param knownIntents the intents of the current training data (asked on every report, as it may grow)
     */
    public Insights(
            TranscriptStore store,
            ModelRepository models,
            Supplier<Set<IntentName>> knownIntents,
            Containment containment,
            Clock clock) {
        this(new LogInsightsSource(store), models, knownIntents, containment, clock);
    }

    /** Insights over a source of its own (a database that counts). */
    public Insights(
            InsightsSource source,
            ModelRepository models,
            Supplier<Set<IntentName>> knownIntents,
            Containment containment,
            Clock clock) {
        this(source, models, knownIntents, containment, clock, HoursSource.ALWAYS);
    }

    /** Insights over a source of its own that split traffic by the opening hours {@code hours} gives. */
    public Insights(
            InsightsSource source,
            ModelRepository models,
            Supplier<Set<IntentName>> knownIntents,
            Containment containment,
            Clock clock,
            HoursSource hours) {
        this.hours = Objects.requireNonNull(hours, "hours");
        this.source = Objects.requireNonNull(source, "source");
        this.models = models;
        this.knownIntents = Objects.requireNonNull(knownIntents, "knownIntents");
        this.containment = Objects.requireNonNull(containment, "containment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The report for {@code [from, to)}.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}
     * @throws dev.chatbot.transcript.TranscriptStoreException if the store cannot be read
     */
    public InsightsReport report(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must start before it ends: " + from + " to " + to);
        }
        Instant now = clock.instant();
        InsightsSource.Period period = source.read(from, to, knownIntents.get());
        Map<Containment.Outcome, Integer> outcomes = new EnumMap<>(Containment.Outcome.class);
        Map<Containment.Outcome, Integer> inHours = new EnumMap<>(Containment.Outcome.class);
        Map<Containment.Outcome, Integer> outOfHours = new EnumMap<>(Containment.Outcome.class);
        OpeningHours schedule = hours.current();
        for (ConversationFacts facts : period.started()) {
            Containment.Outcome outcome = containment.outcome(facts, now);
            outcomes.merge(outcome, 1, Integer::sum);
            boolean open = facts.startedAt() == null || schedule.isOpen(facts.startedAt());
            (open ? inHours : outOfHours).merge(outcome, 1, Integer::sum);
        }
        Map<EscalationReason, Integer> reasons = new EnumMap<>(period.escalations());
        int contained = outcomes.getOrDefault(Containment.Outcome.CONTAINED, 0);
        int handedOver = outcomes.getOrDefault(Containment.Outcome.HANDED_OVER, 0);
        int open = outcomes.getOrDefault(Containment.Outcome.OPEN, 0);
        List<InsightsReport.IntentCount> top = period.answers().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.<String, Integer>comparingByKey()))
                .limit(TOP_INTENTS)
                .map(e -> new InsightsReport.IntentCount(e.getKey(), e.getValue()))
                .toList();
        return new InsightsReport(
                from,
                to,
                containment.reopenWindow(),
                contained + handedOver + open,
                contained,
                handedOver,
                open,
                rate(contained, contained + handedOver),
                reasons,
                top,
                period.feedback(),
                period.helpful(),
                rate(period.helpful(), period.feedback()),
                period.unmetNeeds(),
                modelVersions(),
                new InsightsReport.HoursSplit(schedule.scheduled(), traffic(inHours), traffic(outOfHours)),
                ratings(period.ratings()));
    }

    /** BOT_CLOSED and NO_INTENT: the group names of ratings without an agent or an intent. */
    static final String BOT_CLOSED = "bot";

    static final String NO_INTENT = "none";

    /** The group name of ratings of conversations routed to no team. */
    static final String NO_TEAM = "none";

    private static InsightsReport.Ratings ratings(List<TranscriptEvent.ConversationRated> ratings) {
        int[] scores = new int[5];
        Map<String, int[]> byAgent = new java.util.HashMap<>();
        Map<String, int[]> byIntent = new java.util.HashMap<>();
        Map<String, int[]> byTeam = new java.util.HashMap<>();
        long sum = 0;
        for (TranscriptEvent.ConversationRated r : ratings) {
            scores[r.score() - 1]++;
            sum += r.score();
            add(byAgent, r.agent() == null ? BOT_CLOSED : r.agent().value(), r.score());
            add(byIntent, r.intent() == null ? NO_INTENT : r.intent().value(), r.score());
            add(byTeam, r.team() == null ? NO_TEAM : r.team(), r.score());
        }
        return new InsightsReport.Ratings(
                ratings.size(),
                ratings.isEmpty() ? null : sum / (double) ratings.size(),
                java.util.Arrays.stream(scores).boxed().toList(),
                groups(byAgent),
                groups(byIntent),
                groups(byTeam));
    }

    private static void add(Map<String, int[]> groups, String name, int score) {
        int[] g = groups.computeIfAbsent(name, k -> new int[2]);
        g[0]++;
        g[1] += score;
    }

    private static List<InsightsReport.RatingGroup> groups(Map<String, int[]> groups) {
        return groups.entrySet().stream()
                .map(e -> new InsightsReport.RatingGroup(
                        e.getKey(), e.getValue()[0], e.getValue()[1] / (double) e.getValue()[0]))
                .sorted(Comparator.comparingInt(InsightsReport.RatingGroup::count)
                        .reversed()
                        .thenComparing(InsightsReport.RatingGroup::name))
                .toList();
    }

    private static InsightsReport.Traffic traffic(Map<Containment.Outcome, Integer> outcomes) {
        int contained = outcomes.getOrDefault(Containment.Outcome.CONTAINED, 0);
        int handedOver = outcomes.getOrDefault(Containment.Outcome.HANDED_OVER, 0);
        int open = outcomes.getOrDefault(Containment.Outcome.OPEN, 0);
        return new InsightsReport.Traffic(
                contained + handedOver + open, contained, handedOver, open, rate(contained, contained + handedOver));
    }

    /** The repository's versions with their metrics, oldest first; empty without a repository. */
    public List<InsightsReport.ModelVersion> modelVersions() {
        if (models == null) {
            return List.of();
        }
        List<ModelRepository.Entry> entries;
        try {
            entries = models.list();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model versions in " + models.root(), e);
        }
        return entries.stream()
                .map(Insights::version)
                .sorted(Comparator.comparing(
                                (InsightsReport.ModelVersion v) -> v.createdAt() == null ? "" : v.createdAt())
                        .thenComparing(InsightsReport.ModelVersion::version))
                .toList();
    }

    private static InsightsReport.ModelVersion version(ModelRepository.Entry entry) {
        ModelManifest m = entry.manifest();
        if (m == null) {
            return new InsightsReport.ModelVersion(
                    entry.version(),
                    entry.current(),
                    null,
                    null,
                    null,
                    null,
                    metrics(entry.directory()),
                    entry.problem());
        }
        return new InsightsReport.ModelVersion(
                entry.version(),
                entry.current(),
                m.createdAt(),
                m.training() == null ? null : m.training().examples(),
                m.labels().size(),
                m.threshold(),
                metrics(entry.directory()),
                null);
    }

    /** The headline metrics of a version's {@code evaluation.json}, or null when it has none or it does not parse. */
    static InsightsReport.Metrics metrics(Path versionDirectory) {
        Path file = versionDirectory.resolve("evaluation.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            EvaluationReport r = ReportFormat.readJson(file);
            return new InsightsReport.Metrics(
                    r.examples(),
                    r.accuracy(),
                    r.macroF1(),
                    r.coverage(),
                    r.answeredPrecision(),
                    r.inScopeAccuracy(),
                    r.oosRecall());
        } catch (RuntimeException e) {
            return null; // a damaged report must not hide the other versions
        }
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : part / (double) whole;
    }
}
