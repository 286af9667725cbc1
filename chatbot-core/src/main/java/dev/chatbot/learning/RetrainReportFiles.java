package dev.chatbot.learning;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link RetrainReport} as JSON and as a readable text, and the added examples as CSV. */
public final class RetrainReportFiles {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RetrainReportFiles() {}

    public static void write(Path directory, RetrainReport report) throws IOException {
        JSON.writeValue(directory.resolve(Retraining.REPORT_JSON).toFile(), report);
        Files.writeString(directory.resolve(Retraining.REPORT_TEXT), text(report), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(directory.resolve(Retraining.EXAMPLES_ADDED), StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            csv.printRecord("text", "intent", "source", "conversation", "message", "language");
            for (RetrainReport.AddedExample e : report.examplesAdded()) {
                csv.printRecord(
                        e.text(),
                        e.intent(),
                        e.source(),
                        e.conversationId(),
                        e.messageId(),
                        e.language() == null ? "" : e.language());
            }
        }
    }

    public static RetrainReport read(Path file) {
        return JSON.readValue(file.toFile(), RetrainReport.class);
    }

    public static String text(RetrainReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Retraining: ").append(r.decision()).append('\n');
        r.reasons().forEach(reason -> sb.append("  ").append(reason).append('\n'));
        sb.append(String.format(Locale.ROOT, "%ncandidate %s, current %s%n", r.candidateVersion(), r.currentVersion()));
        sb.append(String.format(
                Locale.ROOT,
                "evidence: %d labelled messages (%d agent labels, %d helpful answers)%n"
                        + "  %d duplicates dropped, %d conflicts, %d examples added, %d recent held out%n",
                r.evidence(),
                r.agentLabels(),
                r.helpfulAnswers(),
                r.duplicates(),
                r.conflicts().size(),
                r.examplesAdded().size(),
                r.recentHeldOut()));
        if (r.notCoveredMarks() > 0) {
            sb.append(String.format(Locale.ROOT, "  %d messages marked not covered by the FAQ%n", r.notCoveredMarks()));
        }
        if (r.traffic() != null) {
            sb.append("traffic: ").append(r.traffic().describe()).append('\n');
        }
        if (r.oosShare() != null) {
            sb.append(String.format(
                    Locale.ROOT, "candidate calibrated for an out-of-scope share of %.3f%n", r.oosShare()));
        }
        if (!r.unknownIntents().isEmpty()) {
            sb.append("  set aside, intents not in the training data: ")
                    .append(r.unknownIntents())
                    .append('\n');
        }
        for (LabelHarvest.Conflict c : r.conflicts()) {
            sb.append("  conflict: \"")
                    .append(c.text())
                    .append("\" votes ")
                    .append(c.votes())
                    .append(c.trainingDataIntent() == null ? "" : ", training data: " + c.trainingDataIntent())
                    .append(" -> ")
                    .append(c.resolution())
                    .append('\n');
        }
        if (r.candidateThreshold() != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "threshold: %s -> %.4f%n",
                    r.currentThreshold() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.currentThreshold()),
                    r.candidateThreshold()));
        }
        if (r.testCandidate() != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%n%-22s %10s %10s %10s %10s%n",
                    "",
                    "test now",
                    "test new",
                    "recent now",
                    "recent new"));
            metric(sb, "accuracy", r, RetrainReport.Summary::accuracy);
            metric(sb, "coverage", r, RetrainReport.Summary::coverage);
            metric(sb, "answered precision", r, RetrainReport.Summary::answeredPrecision);
            metric(sb, "in-scope accuracy", r, RetrainReport.Summary::inScopeAccuracy);
            metric(sb, "macro F1", r, RetrainReport.Summary::macroF1);
        }
        if (!r.checks().isEmpty()) {
            sb.append("\ngate checks:\n");
            r.checks().forEach(c -> sb.append("  ").append(c).append('\n'));
        }
        if (!r.perIntent().isEmpty()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%nper intent (test set)     %7s %8s %8s %8s %8s%n",
                    "support",
                    "recall",
                    "recall",
                    "F1",
                    "F1"));
            sb.append(String.format(Locale.ROOT, "%-25s %7s %8s %8s %8s %8s%n", "", "", "now", "new", "now", "new"));
            r.perIntent()
                    .forEach((intent, c) -> sb.append(String.format(
                            Locale.ROOT,
                            "%-25s %7d %8s %8.3f %8s %8.3f%n",
                            intent.length() > 25 ? intent.substring(0, 25) : intent,
                            c.support(),
                            num(c.recallBefore()),
                            c.recallAfter(),
                            num(c.f1Before()),
                            c.f1After())));
        }
        if (!r.examplesAdded().isEmpty()) {
            sb.append("\nexamples added (").append(r.examplesAdded().size()).append("):\n");
            r.examplesAdded().stream()
                    .limit(50)
                    .forEach(e -> sb.append("  ")
                            .append(e.intent())
                            .append(": ")
                            .append(e.text().replace('\n', ' '))
                            .append('\n'));
            if (r.examplesAdded().size() > 50) {
                sb.append("  ... all of them in ")
                        .append(Retraining.EXAMPLES_ADDED)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void metric(
            StringBuilder sb,
            String name,
            RetrainReport r,
            java.util.function.ToDoubleFunction<RetrainReport.Summary> f) {
        sb.append(String.format(
                Locale.ROOT,
                "%-22s %10s %10s %10s %10s%n",
                name,
                value(r.testCurrent(), f),
                value(r.testCandidate(), f),
                value(r.recentCurrent(), f),
                value(r.recentCandidate(), f)));
    }

    private static String value(RetrainReport.Summary s, java.util.function.ToDoubleFunction<RetrainReport.Summary> f) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.4f", f.applyAsDouble(s));
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }
}
