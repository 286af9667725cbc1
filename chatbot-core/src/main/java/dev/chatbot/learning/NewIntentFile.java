package dev.chatbot.learning;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.FaqIntentFiles;
import dev.chatbot.intent.IntentName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The admin action on an unmet need: writes a new intent file (name, category, answer, examples) in the shipped
 * FAQ format into {@code training-data/intents/}, so the next retrain learns it. Refuses to overwrite an
 * existing file, and reads the written file back so a bad one is never left behind.
 */
public final class NewIntentFile {

    private NewIntentFile() {}

    public static Path create(
            Path intentsDirectory, IntentName name, String category, String answer, List<String> examples)
            throws IOException, DataFormatException {
        if (name.value().contains("/") || name.value().startsWith(".")) {
            throw new IllegalArgumentException("'" + name + "' cannot name an intent file: no '/' and no leading '.'");
        }
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("a new intent needs an answer");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(
                examples.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("a new intent needs examples");
        }
        Files.createDirectories(intentsDirectory);
        Path file = intentsDirectory.resolve(name.value() + ".yml");
        StringBuilder yaml = new StringBuilder();
        yaml.append("intent: ").append(quote(name.value())).append('\n');
        yaml.append("category: ")
                .append(quote(category == null || category.isBlank() ? "suggested" : category))
                .append('\n');
        yaml.append("alwaysHuman: false\n");
        yaml.append("answer: ").append(quote(answer.strip())).append('\n');
        yaml.append("examples:\n");
        distinct.forEach(e -> yaml.append("  - ").append(quote(e)).append('\n'));
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file + ": the intent file exists already; choose another name");
        }
        try {
            FaqIntentFiles.readFile(file);
        } catch (DataFormatException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
