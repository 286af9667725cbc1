package dev.chatbot.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads training data from what {@code train --data} accepts: a training-data directory (the FAQ
 * format under {@code intents/}), a CSV file, or a Rasa NLU YAML file.
 */
public final class TrainingDataLoader {

    private TrainingDataLoader() {}

    public static TrainingData load(Path path) throws DataFormatException {
        if (Files.isDirectory(path)) {
            Path intents = path.resolve("intents");
            return FaqIntentFiles.readDirectory(Files.isDirectory(intents) ? intents : path);
        }
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(path, 0, "no such file or directory");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvExamples.read(path);
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            YamlDocument doc = YamlDocument.read(path);
            if (doc.root() instanceof org.yaml.snakeyaml.nodes.MappingNode m
                    && doc.get(m, "nlu").isPresent()) {
                return RasaNluFile.read(path);
            }
            return FaqIntentFiles.readFile(path);
        }
        throw new DataFormatException(path, 0, "unsupported file type: use a directory, .csv, or Rasa NLU .yml");
    }
}
