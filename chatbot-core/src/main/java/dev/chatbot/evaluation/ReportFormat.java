package dev.chatbot.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link EvaluationReport} as JSON and as a readable table. */
public final class ReportFormat {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportFormat() {}

    public static void writeJson(EvaluationReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), report);
    }

    public static EvaluationReport readJson(Path file) {
        return JSON.readValue(file.toFile(), EvaluationReport.class);
    }

    public static String table(EvaluationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Model %s on %d messages (%d in scope, %d out of scope)%n",
                r.modelVersion(),
                r.examples(),
                r.inScopeExamples(),
                r.outOfScopeExamples()));
        row(sb, "accuracy (closed set)", r.accuracy());
        row(sb, "macro F1", r.macroF1());
        row(sb, "threshold", r.threshold());
        row(sb, "coverage", r.coverage());
        row(sb, "answered precision", r.answeredPrecision());
        row(sb, "in-scope accuracy", r.inScopeAccuracy());
        sb.append(String.format(
                Locale.ROOT,
                "  %-24s %s%n",
                "out-of-scope recall",
                r.oosRecall() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", r.oosRecall())));
        sb.append(String.format(
                Locale.ROOT,
                "  %-24s p50 %d us, p99 %d us%n",
                "latency per message",
                r.latencyMicros().p50(),
                r.latencyMicros().p99()));
        sb.append(String.format(
                Locale.ROOT, "%n  %-34s %9s %9s %9s %8s%n", "intent", "precision", "recall", "F1", "support"));
        for (Map.Entry<String, EvaluationReport.IntentScore> e : r.perIntent().entrySet()) {
            EvaluationReport.IntentScore s = e.getValue();
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-34s %9.3f %9.3f %9.3f %8d%n",
                    truncate(e.getKey(), 34),
                    s.precision(),
                    s.recall(),
                    s.f1(),
                    s.support()));
        }
        if (!r.confusions().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n  most frequent confusions (expected -> predicted)%n"));
            r.confusions().stream()
                    .limit(10)
                    .forEach(c -> sb.append(
                            String.format(Locale.ROOT, "  %4d  %s -> %s%n", c.count(), c.expected(), c.predicted())));
        }
        sb.append(String.format(Locale.ROOT, "%n  coverage / answered precision / oos recall by threshold%n"));
        for (EvaluationReport.CurvePoint p : r.tradeOff()) {
            if (Math.round(p.threshold() * 20) % 2 == 0) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  t=%.2f  coverage %.3f  precision %.3f  oos recall %s%n",
                        p.threshold(),
                        p.coverage(),
                        p.answeredPrecision(),
                        p.oosRecall() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", p.oosRecall())));
            }
        }
        return sb.toString();
    }

    /** How far the realized answered precision lies from the precision the threshold was chosen for. */
    public static String calibrationError(EvaluationReport r, double targetPrecision) {
        return String.format(
                Locale.ROOT,
                "calibration error: answered precision %.4f - target %.2f = %+.4f%n",
                r.answeredPrecision(),
                targetPrecision,
                r.answeredPrecision() - targetPrecision);
    }

    private static void row(StringBuilder sb, String name, double value) {
        sb.append(String.format(Locale.ROOT, "  %-24s %.4f%n", name, value));
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
