package dev.chatbot.data;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Labelled examples plus, where the source has them, the intents' answers and categories.
 *
 * @param definitions intent definitions by name; empty for plain CSV or Rasa files
 * @param languages the same FAQ in further languages, by ISO 639-1 code (the examples and answers an intent file
 *     gives under {@code languages:}); empty when the data is in one language only
 */
public record TrainingData(
        List<Example> examples, Map<IntentName, IntentDefinition> definitions, Map<String, TrainingData> languages) {

    /** What a language code may be: two or three lower-case letters (ISO 639-1, or 639-3 where there is none). */
    public static final java.util.regex.Pattern LANGUAGE_CODE = java.util.regex.Pattern.compile("[a-z]{2,3}");

    public TrainingData {
        examples = List.copyOf(examples);
        definitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        languages = java.util.Collections.unmodifiableMap(new TreeMap<>(languages == null ? Map.of() : languages));
        for (var entry : languages.entrySet()) {
            if (!LANGUAGE_CODE.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("not a language code: '" + entry.getKey() + "'");
            }
            if (!entry.getValue().languages().isEmpty()) {
                throw new IllegalArgumentException("the data of a further language has no further languages");
            }
        }
    }

    /** Data in one language. */
    public TrainingData(List<Example> examples, Map<IntentName, IntentDefinition> definitions) {
        this(examples, definitions, Map.of());
    }

    /** The same data without its further languages. */
    public TrainingData withoutLanguages() {
        return languages.isEmpty() ? this : new TrainingData(examples, definitions);
    }

    public Optional<IntentDefinition> definition(IntentName name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** Intent to category, for intents whose source names one. */
    public Map<IntentName, String> categories() {
        Map<IntentName, String> out = new TreeMap<>();
        definitions.values().stream()
                .filter(d -> !d.category().isEmpty())
                .forEach(d -> out.put(d.name(), d.category()));
        return out;
    }

    /** SHA-256 over the examples in order (text and label), stored in the model to tie it to its data. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example e : examples) {
                digest.update(e.intent().value().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public TrainingData merge(TrainingData other) {
        List<Example> all = new java.util.ArrayList<>(examples);
        all.addAll(other.examples);
        Map<IntentName, IntentDefinition> defs = new LinkedHashMap<>(definitions);
        defs.putAll(other.definitions);
        Map<String, TrainingData> langs = new TreeMap<>(languages);
        other.languages.forEach((code, data) -> langs.merge(code, data, TrainingData::merge));
        return new TrainingData(all, defs, langs);
    }
}
