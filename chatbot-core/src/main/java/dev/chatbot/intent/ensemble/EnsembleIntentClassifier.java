package dev.chatbot.intent.ensemble;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.MemberScores;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.intent.TextPipeline;
import dev.chatbot.intent.embedding.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The production classifier: encodes a message once, asks every model family, combines their calibrated
 * probabilities, and attaches the escalation threshold. With an {@link InScopeGate}, the scores are rescaled so
 * that the top one is the gate's probability that answering with it is right (the others keep their ratio to it):
 * a message outside every intent's neighbourhood then scores low even when one intent's probability is high.
 * Thread-safe.
 */
public final class EnsembleIntentClassifier implements IntentClassifier {

    private final TextPipeline pipeline;
    private final SentenceEncoder encoder;
    private final List<ProbabilityModel> members;
    private final List<MemberCalibration> calibrations;
    private final LabelSet labels;
    private final double threshold;
    private final String version;
    private final InScopeGate gate;

    /**
     * @param encoder the sentence encoder, or {@code null} when no member uses embeddings
     */
    public EnsembleIntentClassifier(
            TextPipeline pipeline,
            SentenceEncoder encoder,
            List<ProbabilityModel> members,
            List<MemberCalibration> calibrations,
            double threshold,
            String version) {
        this(pipeline, encoder, members, calibrations, null, threshold, version);
    }

    /**
     * @param encoder the sentence encoder, or {@code null} when no member uses embeddings
     * @param gate the in-scope score, or {@code null} to score by the combined probability alone
     */
    public EnsembleIntentClassifier(
            TextPipeline pipeline,
            SentenceEncoder encoder,
            List<ProbabilityModel> members,
            List<MemberCalibration> calibrations,
            InScopeGate gate,
            double threshold,
            String version) {
        this.pipeline = Objects.requireNonNull(pipeline);
        this.encoder = encoder;
        this.members = List.copyOf(members);
        this.calibrations = List.copyOf(calibrations);
        if (members.isEmpty() || members.size() != calibrations.size()) {
            throw new IllegalArgumentException("need one calibration per member, got " + members.size()
                    + " members and " + calibrations.size() + " calibrations");
        }
        this.labels = members.get(0).labels();
        for (ProbabilityModel m : members) {
            if (!m.labels().equals(labels)) {
                throw new IllegalArgumentException("members disagree on the label set: " + m.family());
            }
        }
        this.threshold = threshold;
        this.version = Objects.requireNonNull(version);
        this.gate = gate;
    }

    /** Encodes a message as every member sees it (normalised text, tokens, embedding). */
    public EncodedText encode(String message) {
        Objects.requireNonNull(message, "message");
        float[] embedding = encoder == null ? new float[0] : encoder.encode(message.strip());
        return new EncodedText(pipeline.normalise(message), pipeline.tokens(message), embedding);
    }

    @Override
    public IntentPrediction classify(String message) {
        return predict(encode(message));
    }

    public IntentPrediction predict(EncodedText text) {
        Scores scores = scores(text);
        double[] p = scores.probabilities();
        if (gate != null && scores.neighbourhood() != null) {
            int top = ProbabilityCombiner.argmax(p);
            double factor = p[top] > 0 ? gate.score(p, scores.neighbourhood(), scores.distance(), top) / p[top] : 0;
            double[] scaled = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                scaled[i] = p[i] * factor;
            }
            p = scaled;
        }
        return toPrediction(p);
    }

    public double[] probabilities(EncodedText text) {
        return scores(text).probabilities();
    }

    /**
     * The combined probabilities, the neighbourhood densities (from the first member that keeps examples, or null)
     * and the distance (from the first member that has one), before the in-scope gate.
     */
    public Scores scores(EncodedText text) {
        List<double[]> perMember = new ArrayList<>(members.size());
        double[] neighbourhood = null;
        double distance = Double.NaN;
        for (ProbabilityModel m : members) {
            MemberScores s = m.scores(text);
            perMember.add(s.probabilities());
            if (neighbourhood == null) {
                neighbourhood = s.neighbourhood();
            }
            if (Double.isNaN(distance)) {
                distance = s.distance();
            }
        }
        return new Scores(ProbabilityCombiner.combine(perMember, calibrations), neighbourhood, distance);
    }

    /**
     * The ensemble's probabilities, neighbourhood densities and relative Mahalanobis distance (NaN when no member
     * has one) for one message.
     */
    public record Scores(double[] probabilities, double[] neighbourhood, double distance) {}

    private IntentPrediction toPrediction(double[] p) {
        List<ScoredIntent> ranked = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            ranked.add(new ScoredIntent(labels.get(i), Math.min(1.0, Math.max(0.0, p[i]))));
        }
        return new IntentPrediction(ranked, threshold);
    }

    /** The in-scope gate, or null when the scores are the combined probabilities. */
    public InScopeGate gate() {
        return gate;
    }

    @Override
    public List<IntentName> labels() {
        return labels.names();
    }

    public LabelSet labelSet() {
        return labels;
    }

    public List<ProbabilityModel> members() {
        return members;
    }

    public List<MemberCalibration> calibrations() {
        return calibrations;
    }

    public double threshold() {
        return threshold;
    }

    public TextPipeline pipeline() {
        return pipeline;
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    @Override
    public String version() {
        return version;
    }
}
