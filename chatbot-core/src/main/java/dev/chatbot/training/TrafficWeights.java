package dev.chatbot.training;

import dev.chatbot.intent.Example;
import java.util.List;

/**
 * How much each training example stands for in real traffic when it plays a calibration message. Examples from the
 * shop's transcripts are mostly messages the bot escalated, the hard part of traffic; the FAQ's own examples stand
 * for the rest. When the settings give the escalated share of traffic, transcript examples together weigh that
 * share and the others the remainder, so hard examples do not push the threshold up as if all traffic were hard.
 */
record TrafficWeights(double transcriptWeight, double otherWeight) {

    static final String TRANSCRIPT_SOURCE = "transcript:";

    static TrafficWeights of(List<Example> examples, TrainingSettings settings) {
        Double escalated = settings.escalatedShare();
        long fromTranscripts =
                examples.stream().filter(TrafficWeights::fromTranscript).count();
        long others = examples.size() - fromTranscripts;
        if (escalated == null || fromTranscripts == 0 || others == 0) {
            return new TrafficWeights(1, 1);
        }
        // per-example weights with the right totals, scaled so that the mean weight is 1
        double share = Math.min(0.95, Math.max(0.05, escalated));
        double t = share / fromTranscripts;
        double o = (1 - share) / others;
        double mean = (t * fromTranscripts + o * others) / examples.size();
        return new TrafficWeights(t / mean, o / mean);
    }

    double weight(Example e) {
        return fromTranscript(e) ? transcriptWeight : otherWeight;
    }

    static boolean fromTranscript(Example e) {
        return e.source().startsWith(TRANSCRIPT_SOURCE);
    }
}
