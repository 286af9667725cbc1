package dev.chatbot.data;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Imports Rasa NLU YAML ({@code nlu:} with {@code - intent:} and an {@code examples: |} list). Entity
 * annotations such as {@code [Paris](city)} or {@code [Paris]{"entity": "city"}} are reduced to their text;
 * other items (synonyms, regexes, lookups) are ignored.
 */
public final class RasaNluFile {

    private static final Pattern ENTITY = Pattern.compile("\\[([^\\]]*)\\](?:\\([^)]*\\)|\\{[^}]*\\})");

    private RasaNluFile() {}

    public static TrainingData read(Path file) throws DataFormatException {
        YamlDocument doc = YamlDocument.read(file);
        MappingNode root = doc.mapping(doc.root(), "a Rasa NLU file");
        Node nlu = doc.get(root, "nlu").orElseThrow(() -> doc.error(root, "missing top-level key 'nlu'"));
        List<Example> examples = new ArrayList<>();
        for (Node item : doc.sequence(nlu, "nlu")) {
            MappingNode entry = doc.mapping(item, "an nlu entry");
            if (doc.get(entry, "intent").isEmpty()) {
                continue;
            }
            Node intentNode = doc.get(entry, "intent").get();
            IntentName intent;
            try {
                intent = IntentName.of(doc.scalar(intentNode, "intent"));
            } catch (IllegalArgumentException e) {
                throw doc.error(intentNode, e.getMessage());
            }
            Node examplesNode = doc.require(entry, "examples");
            if (!(examplesNode instanceof ScalarNode block)) {
                throw doc.error(examplesNode, "examples must be a block of '- ' lines (examples: |)");
            }
            int firstLine = YamlDocument.line(block)
                    + (block.getScalarStyle().getChar() != null
                                    && (block.getScalarStyle().getChar() == '|'
                                            || block.getScalarStyle().getChar() == '>')
                            ? 1
                            : 0);
            String[] lines = block.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                int lineNo = firstLine + i;
                if (!line.startsWith("-")) {
                    throw new DataFormatException(
                            file, lineNo, "example lines must start with '- ', found '" + line + "'");
                }
                String text = ENTITY.matcher(line.substring(1).strip())
                        .replaceAll("$1")
                        .strip();
                if (text.isEmpty()) {
                    throw new DataFormatException(file, lineNo, "empty example");
                }
                examples.add(new Example(text, intent, file.getFileName() + ":" + lineNo));
            }
        }
        if (examples.isEmpty()) {
            throw doc.error(root, "no intent examples found under 'nlu'");
        }
        return new TrainingData(examples, Map.of());
    }
}
