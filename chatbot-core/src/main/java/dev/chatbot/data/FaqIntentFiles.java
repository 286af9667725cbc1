package dev.chatbot.data;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The shipped FAQ format: one YAML file per intent ({@code intent}, {@code category}, {@code answer},
 * optional {@code quickReplies}, {@code alwaysHuman} and {@code team}, and {@code examples}), optionally with the same
 * intent in further languages under {@code languages:} (per ISO 639-1 code: {@code answer}, {@code quickReplies},
 * {@code examples}). See training-data/README.md.
 */
public final class FaqIntentFiles {

    private FaqIntentFiles() {}

    /** Reads every {@code *.yml}/{@code *.yaml} file of a directory (sorted by name). */
    public static TrainingData readDirectory(Path directory) throws DataFormatException {
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataFormatException(directory, 0, "cannot list directory: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new DataFormatException(directory, 0, "no intent files (*.yml) found");
        }
        TrainingData all = new TrainingData(List.of(), Map.of());
        Map<IntentName, Path> seenIn = new LinkedHashMap<>();
        for (Path file : files) {
            TrainingData one = readFile(file);
            for (IntentName name : one.definitions().keySet()) {
                Path previous = seenIn.putIfAbsent(name, file);
                if (previous != null) {
                    throw new DataFormatException(file, 1, "intent '" + name + "' is already defined in " + previous);
                }
            }
            all = all.merge(one);
        }
        return all;
    }

    public static TrainingData readFile(Path file) throws DataFormatException {
        YamlDocument doc = YamlDocument.read(file);
        MappingNode root = doc.mapping(doc.root(), "an intent file");
        Node nameNode = doc.require(root, "intent");
        IntentName name;
        try {
            name = IntentName.of(doc.scalar(nameNode, "intent"));
        } catch (IllegalArgumentException e) {
            throw doc.error(nameNode, e.getMessage());
        }
        String category = doc.get(root, "category").isPresent()
                ? doc.scalar(doc.get(root, "category").get(), "category")
                : "";
        Node answerNode = doc.require(root, "answer");
        String answer = doc.scalar(answerNode, "answer");
        if (answer.isBlank()) {
            throw doc.error(answerNode, "answer is empty");
        }
        List<String> quickReplies = quickReplies(doc, root);
        boolean alwaysHuman = false;
        if (doc.get(root, "alwaysHuman").isPresent()) {
            Node n = doc.get(root, "alwaysHuman").get();
            String v = doc.scalar(n, "alwaysHuman");
            if (!v.equals("true") && !v.equals("false")) {
                throw doc.error(n, "alwaysHuman must be true or false, found '" + v + "'");
            }
            alwaysHuman = Boolean.parseBoolean(v);
        }
        String team = "";
        if (doc.get(root, "team").isPresent()) {
            Node n = doc.get(root, "team").get();
            team = doc.scalar(n, "team").strip();
            if (!IntentDefinition.TEAM_NAME.matcher(team).matches()) {
                throw doc.error(n, "team must be 1-40 letters, digits, '-' or '_', found '" + team + "'");
            }
        }
        List<Example> examples = examples(doc, root, name);
        Map<String, TrainingData> languages = new java.util.TreeMap<>();
        if (doc.get(root, "languages").isPresent()) {
            MappingNode byLanguage = doc.mapping(doc.get(root, "languages").get(), "languages");
            for (var tuple : byLanguage.getValue()) {
                String code = doc.scalar(tuple.getKeyNode(), "a language code");
                if (!TrainingData.LANGUAGE_CODE.matcher(code).matches()) {
                    throw doc.error(
                            tuple.getKeyNode(),
                            "a language is named by its ISO 639-1 code (for example de), found '" + code + "'");
                }
                if (languages.containsKey(code)) {
                    throw doc.error(tuple.getKeyNode(), "language '" + code + "' is given twice");
                }
                MappingNode section = doc.mapping(tuple.getValueNode(), "language '" + code + "'");
                Node translated = doc.require(section, "answer");
                String translatedAnswer = doc.scalar(translated, "answer");
                if (translatedAnswer.isBlank()) {
                    throw doc.error(translated, "answer is empty");
                }
                languages.put(
                        code,
                        new TrainingData(
                                examples(doc, section, name),
                                Map.of(
                                        name,
                                        new IntentDefinition(
                                                name,
                                                category,
                                                translatedAnswer,
                                                quickReplies(doc, section),
                                                alwaysHuman,
                                                team))));
            }
        }
        return new TrainingData(
                examples,
                Map.of(name, new IntentDefinition(name, category, answer, quickReplies, alwaysHuman, team)),
                languages);
    }

    private static List<String> quickReplies(YamlDocument doc, MappingNode section) throws DataFormatException {
        List<String> quickReplies = new ArrayList<>();
        if (doc.get(section, "quickReplies").isPresent()) {
            for (ScalarNode s : doc.scalars(doc.get(section, "quickReplies").get(), "quickReplies")) {
                quickReplies.add(s.getValue().strip());
            }
        }
        return quickReplies;
    }

    private static List<Example> examples(YamlDocument doc, MappingNode section, IntentName name)
            throws DataFormatException {
        List<Example> examples = new ArrayList<>();
        for (ScalarNode s : doc.scalars(doc.require(section, "examples"), "examples")) {
            if (s.getValue().isBlank()) {
                throw doc.error(s, "empty example");
            }
            examples.add(
                    new Example(s.getValue().strip(), name, doc.file().getFileName() + ":" + YamlDocument.line(s)));
        }
        if (examples.isEmpty()) {
            throw doc.error(section, "intent '" + name + "' has no examples");
        }
        return examples;
    }
}
