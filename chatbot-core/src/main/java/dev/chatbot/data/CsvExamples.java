package dev.chatbot.data;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads {@code text,intent} (or {@code text,category}) CSV files: UTF-8, RFC 4180 quoting. */
public final class CsvExamples {

    private CsvExamples() {}

    public static TrainingData read(Path file) throws DataFormatException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder);
                CSVParser parser = CSVFormat.RFC4180.builder().get().parse(reader)) {
            List<Example> examples = new ArrayList<>();
            boolean header = true;
            long lastLine = 1;
            for (CSVRecord record : parser) {
                int line = (int) lastLine;
                lastLine = parser.getCurrentLineNumber() + 1;
                if (header) {
                    header = false;
                    checkHeader(file, record);
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() < 2) {
                    throw new DataFormatException(
                            file, line, "expected 2 columns (text,intent), found " + record.size());
                }
                String text = record.get(0);
                String label = record.get(1).strip();
                if (text.isBlank()) {
                    throw new DataFormatException(file, line, "empty text");
                }
                IntentName intent;
                try {
                    intent = IntentName.of(label);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, line, e.getMessage());
                }
                examples.add(new Example(text.strip(), intent, file.getFileName() + ":" + line));
            }
            if (header) {
                throw new DataFormatException(file, 1, "empty file: expected a header row 'text,intent'");
            }
            return new TrainingData(examples, Map.of());
        } catch (UncheckedIOException e) {
            throw malformed(file, e.getCause());
        } catch (IOException e) {
            throw malformed(file, e);
        } catch (IllegalStateException e) {
            throw new DataFormatException(file, 0, "malformed CSV: " + e.getMessage());
        }
    }

    private static DataFormatException malformed(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new DataFormatException(file, 0, "not valid UTF-8 text");
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return new DataFormatException(file, line, "malformed CSV: " + message);
    }

    private static void checkHeader(Path file, CSVRecord record) throws DataFormatException {
        String first = record.size() > 0 ? record.get(0).strip().replace("\uFEFF", "") : "";
        String second = record.size() > 1 ? record.get(1).strip() : "";
        if (!first.equalsIgnoreCase("text")
                || !(second.equalsIgnoreCase("intent") || second.equalsIgnoreCase("category"))) {
            throw new DataFormatException(
                    file,
                    1,
                    "expected header 'text,intent' (or 'text,category'), found '" + String.join(",", record.toList())
                            + "'");
        }
    }
}
