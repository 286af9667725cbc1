package dev.chatbot.model;

import java.util.List;
import java.util.Map;

/**
 * The self-description of a model directory ({@code manifest.json}). Loading checks every field and
 * every listed file's checksum, and refuses the model when anything is missing or different.
 *
 * @param formatVersion layout version of the directory (currently {@link #FORMAT_VERSION})
 * @param version the model's version id, also the directory name in the repository
 * @param encoder name of the sentence encoder the members expect, or {@code null} for none
 * @param labels intents in the order the members index them
 * @param rejectLabel label of the explicit out-of-scope class, if the training data had one, else null
 * @param threshold escalation threshold on the ensemble's top probability
 * @param files SHA-256 of each artefact file in the directory, by file name
 * @param inScope the in-scope gate the threshold applies to, or null when it applies to the combined probability
 * @param languages the languages the model answers in, its own first (ISO 639-1 codes); each further one is a complete
 *     model directory of its own in the sub-directory named by its code, whose manifest is listed in {@code files};
 *     null in a model of one language (older models too)
 */
public record ModelManifest(
        int formatVersion,
        String version,
        String createdAt,
        String pipeline,
        boolean stemming,
        String encoder,
        List<String> labels,
        String rejectLabel,
        List<Member> members,
        double threshold,
        double targetPrecision,
        double oosShare,
        TrainingInfo training,
        Calibration calibration,
        Map<String, String> files,
        InScope inScope,
        List<String> languages) {

    public ModelManifest {
        languages = languages == null ? null : List.copyOf(languages);
    }

    /** The further languages (every one but the model's own), in the order listed. */
    public List<String> furtherLanguages() {
        return languages == null || languages.size() < 2 ? List.of() : languages.subList(1, languages.size());
    }

    /** A copy answering in these languages, its own first. */
    public ModelManifest withLanguages(List<String> newLanguages) {
        return copy(version, files, newLanguages);
    }

    /** A copy under another version id (a further language's model carries the version of the model it belongs to). */
    public ModelManifest withVersion(String newVersion) {
        return copy(newVersion, files, languages);
    }

    /** A copy listing these files. */
    public ModelManifest withFiles(Map<String, String> newFiles) {
        return copy(version, newFiles, languages);
    }

    private ModelManifest copy(String newVersion, Map<String, String> newFiles, List<String> newLanguages) {
        return new ModelManifest(
                formatVersion,
                newVersion,
                createdAt,
                pipeline,
                stemming,
                encoder,
                labels,
                rejectLabel,
                members,
                threshold,
                targetPrecision,
                oosShare,
                training,
                calibration,
                newFiles,
                inScope,
                newLanguages);
    }

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    /** One model family and how it is weighted. */
    public record Member(String family, double temperature, double weight) {}

    /** Where the model came from. */
    public record TrainingInfo(
            String dataFingerprint,
            int examples,
            int intents,
            String source,
            double seconds,
            int calibrationGroups,
            long seed) {}

    /**
     * The in-scope gate: weights of logit(probability), neighbourhood density and its lead over the next intent's,
     * and the bias; with the coverage calibration measured at the target with and without it.
     */
    public record InScope(
            List<Double> weights, double bias, int neighbourhood, double coverage, double coverageWithoutGate) {}

    /** What calibration measured on held-out data when the threshold was chosen. */
    public record Calibration(
            double heldOutAccuracy,
            int heldOutMessages,
            int simulatedUnknowns,
            double coverage,
            double precision,
            double unknownsAnswered,
            boolean targetReached) {}
}
