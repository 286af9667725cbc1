package dev.chatbot.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.dl4j.Dl4jIntentModel;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.InScopeGate;
import dev.chatbot.intent.ensemble.MemberCalibration;
import dev.chatbot.intent.knn.NearestNeighbourModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes model directories. A directory holds {@code manifest.json}, {@code intents.json}
 * (FAQ answers) and each family's artefacts; the manifest lists every file with its SHA-256, and
 * {@link #load(Path)} refuses a directory where any file is missing, altered or inconsistent. A model that answers in
 * further languages holds each one's model as a complete model directory in the sub-directory named by its code
 * ({@code de/}); the manifest names the languages and lists each sub-directory's manifest with its checksum.
 */
public final class ModelIo {

    public static final String INTENTS_FILE = "intents.json";
    static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelIo() {}

    /**
     * Writes the classifier's artefacts, the FAQ definitions and the manifest (last) into {@code directory}. The models
     * of the further languages {@code draft} names must already be saved in their sub-directories.
     */
    public static void save(
            Path directory,
            EnsembleIntentClassifier classifier,
            ModelManifest draft,
            Map<IntentName, IntentDefinition> intents)
            throws IOException {
        Files.createDirectories(directory);
        for (ProbabilityModel m : classifier.members()) {
            m.save(directory);
        }
        Map<String, IntentDefinition> byName = new LinkedHashMap<>();
        intents.forEach((k, v) -> byName.put(k.value(), v));
        JSON.writeValue(directory.resolve(INTENTS_FILE).toFile(), byName.values());
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.equals(ModelManifest.FILE) && !name.startsWith("evaluation")) {
                    files.put(name, sha256(p));
                }
            }
        }
        for (String language : draft.furtherLanguages()) {
            Path manifest = directory.resolve(language).resolve(ModelManifest.FILE);
            if (!Files.isRegularFile(manifest)) {
                throw new IOException(manifest + ": the model of language " + language + " is not saved");
            }
            files.put(language + "/" + ModelManifest.FILE, sha256(manifest));
        }
        JSON.writeValue(directory.resolve(ModelManifest.FILE).toFile(), draft.withFiles(files));
    }

    public static ModelManifest readManifest(Path directory) throws ModelLoadException {
        Path file = directory.resolve(ModelManifest.FILE);
        if (!Files.isDirectory(directory)) {
            throw new ModelLoadException(directory + ": not a model directory (no such directory)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": missing; " + directory + " is not a complete model directory");
        }
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (JacksonException e) {
            throw new ModelLoadException(file + ": not a valid manifest (" + e.getOriginalMessage() + ")", e);
        }
        if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new ModelLoadException(file + ": unsupported formatVersion " + manifest.formatVersion()
                    + " (this build reads " + ModelManifest.FORMAT_VERSION + ")");
        }
        if (manifest.version() == null
                || manifest.labels() == null
                || manifest.labels().isEmpty()
                || manifest.members() == null
                || manifest.members().isEmpty()
                || manifest.files() == null) {
            throw new ModelLoadException(
                    file + ": incomplete manifest (version, labels, members and files are required)");
        }
        if (!(manifest.threshold() >= 0 && manifest.threshold() <= 1)) {
            throw new ModelLoadException(file + ": threshold must be in 0..1, found " + manifest.threshold());
        }
        return manifest;
    }

    public static LoadedModel load(Path directory) throws ModelLoadException {
        Path dir = directory.toAbsolutePath().normalize();
        ModelManifest manifest = readManifest(dir);
        LoadedModel own = loadOne(dir, manifest);
        if (manifest.furtherLanguages().isEmpty()) {
            return own;
        }
        Map<String, FaqModel> further = new LinkedHashMap<>();
        for (String language : manifest.furtherLanguages()) {
            Path sub = dir.resolve(language).normalize();
            if (!sub.startsWith(dir) || !manifest.files().containsKey(language + "/" + ModelManifest.FILE)) {
                throw new ModelLoadException(dir.resolve(ModelManifest.FILE) + ": language '" + language
                        + "' is not a sub-directory listed in files");
            }
            ModelManifest subManifest = readManifest(sub);
            if (subManifest.languages() != null && !subManifest.languages().equals(List.of(language))) {
                throw new ModelLoadException(sub.resolve(ModelManifest.FILE) + ": holds languages "
                        + subManifest.languages() + ", expected [" + language + "]");
            }
            further.put(language, loadOne(sub, subManifest).model());
        }
        return new LoadedModel(dir, manifest, new FaqModel(own.model().classifier(), own.intents(), further));
    }

    private static LoadedModel loadOne(Path dir, ModelManifest manifest) throws ModelLoadException {
        for (var entry : manifest.files().entrySet()) {
            Path p = dir.resolve(entry.getKey());
            if (!p.normalize().startsWith(dir) || !Files.isRegularFile(p)) {
                throw new ModelLoadException(p + ": missing (listed in " + ModelManifest.FILE + ")");
            }
            try {
                if (!sha256(p).equals(entry.getValue())) {
                    throw new ModelLoadException(
                            p + ": checksum mismatch, the file is corrupt or was changed after training");
                }
            } catch (IOException e) {
                throw new ModelLoadException(p + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        try {
            LabelSet labels =
                    new LabelSet(manifest.labels().stream().map(IntentName::of).toList());
            Path manifestFile = dir.resolve(ModelManifest.FILE);
            SentenceEncoder encoder = ModelFamilies.encoder(manifest.encoder(), manifestFile);
            int dimension = encoder == null ? 0 : encoder.dimension();
            List<ProbabilityModel> members = new ArrayList<>();
            List<MemberCalibration> calibrations = new ArrayList<>();
            for (ModelManifest.Member m : manifest.members()) {
                members.add(ModelFamilies.load(m.family(), dir, labels, dimension));
                calibrations.add(new MemberCalibration(m.family(), m.temperature(), m.weight()));
            }
            InScopeGate gate = manifest.inScope() == null
                    ? null
                    : new InScopeGate(
                            manifest.inScope().weights(), manifest.inScope().bias());
            if (gate != null && members.stream().noneMatch(m -> m instanceof NearestNeighbourModel)) {
                throw new ModelLoadException(manifestFile + ": the in-scope gate needs the "
                        + NearestNeighbourModel.FAMILY + " member, which the model does not have");
            }
            if (gate != null
                    && gate.usesDistance()
                    && members.stream().noneMatch(m -> m instanceof Dl4jIntentModel d && d.hasDensity())) {
                throw new ModelLoadException(manifestFile + ": the in-scope gate reads the hidden-layer distance, but "
                        + "the model has no " + Dl4jIntentModel.FAMILY + " member with its density file");
            }
            if (gate == null || !gate.usesDistance()) {
                // what only the distance needs is neither computed per message nor kept in memory
                members = new ArrayList<>(
                        members.stream().map(ProbabilityModel::withoutDistance).toList());
            }
            EnsembleIntentClassifier classifier = new EnsembleIntentClassifier(
                    ModelFamilies.pipeline(manifest),
                    encoder,
                    members,
                    calibrations,
                    gate,
                    manifest.threshold(),
                    manifest.version());
            return new LoadedModel(dir, manifest, new FaqModel(classifier, readIntents(dir)));
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(
                    dir.resolve(ModelManifest.FILE) + ": inconsistent model (" + e.getMessage() + ")", e);
        }
    }

    private static Map<IntentName, IntentDefinition> readIntents(Path dir) throws ModelLoadException {
        Path file = dir.resolve(INTENTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": missing (the FAQ answers of the model)");
        }
        try {
            IntentDefinition[] defs = JSON.readValue(file.toFile(), IntentDefinition[].class);
            Map<IntentName, IntentDefinition> out = new LinkedHashMap<>();
            for (IntentDefinition d : defs) {
                out.put(d.name(), d);
            }
            return out;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ModelLoadException(file + ": not valid intent definitions (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digest while reading
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
