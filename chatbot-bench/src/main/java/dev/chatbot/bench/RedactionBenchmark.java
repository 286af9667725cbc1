package dev.chatbot.bench;

import dev.chatbot.redaction.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Redacting 2,000 characters: ordinary customer text against the worst inputs the property suite
 * ({@code RedactorPropertiesTest}) found, one per generated family (most scanner steps per character; copied from
 * its {@code target/redaction-worst-inputs.txt} into {@code redaction/worst-inputs.txt}), and the digit-run
 * shapes that made the former regular-expression redactor backtrack. {@code scanner} is the {@link Redactor};
 * {@code formerRegex} is the former pattern set, kept here as the baseline. Run: {@code scripts/bench.sh redaction}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactionBenchmark {

    private static final int LENGTH = 2000;
    private static final String ORDINARY = "Hi, I ordered a blue jacket on 03.11.2025 (order 558812) and it still has "
            + "not arrived. The tracking page says it left the warehouse on Monday. Could you check where it is? "
            + "If it is lost, I would like a refund of 89.90 EUR to my card rather than store credit. You can reach "
            + "me at jane.doe@example.com or on +44 20 7946 0958 between 9 and 5. Thanks a lot, Jane. ";

    @Param({
        "ordinary",
        "digit-run-then-letter",
        "digits-single-separators",
        "digits-and-separators",
        "repeated-digits-and-separators",
        "mixed",
        "repeated-mixed",
        "tokens",
        "repeated-tokens",
        "unicode"
    })
    public String input;

    private String text;
    private final Redactor redactor = Redactor.defaults();

    @Setup
    public void setUp() {
        Map<String, String> inputs = new LinkedHashMap<>(worstFound());
        inputs.put("ordinary", repeatTo(ORDINARY));
        inputs.put("digit-run-then-letter", "0".repeat(LENGTH - 1) + "x");
        inputs.put("digits-single-separators", repeatTo("0 1-2.3 4-5.6 7-8.9 "));
        text = inputs.get(input);
        if (text == null) {
            throw new IllegalArgumentException("no input named " + input + "; known: " + inputs.keySet());
        }
    }

    @Benchmark
    public String scanner() {
        return redactor.redact(text);
    }

    @Benchmark
    public String formerRegex() {
        return FormerRegexRedactor.redact(text);
    }

    private static String repeatTo(String unit) {
        return unit.repeat(LENGTH / unit.length() + 1).substring(0, LENGTH);
    }

    /** The worst input of each family, from {@code redaction/worst-inputs.txt} (family, ratio, escaped text). */
    static Map<String, String> worstFound() {
        try (InputStream in = RedactionBenchmark.class.getResourceAsStream("/redaction/worst-inputs.txt")) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split("\t", 3);
                    out.put(fields[0], unescape(fields[2]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && escaped.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                out.append(escaped.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The redactor's former patterns (cards, e-mail, phone), as the baseline. */
    static final class FormerRegexRedactor {

        private static final Pattern CARD = Pattern.compile("(?<![\\d+-])[1-9](?:[ -]?\\d){12,18}(?![\\d-])");
        private static final Pattern EMAIL =
                Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
        private static final Pattern PHONE = Pattern.compile(
                "(?<![\\w+])(?:(?:\\+|00)\\d{1,3}[ .-]?(?:\\(0?\\d{1,4}\\)[ .-]?)?|\\(\\d{2,5}\\)[ .-]?|0(?=\\d)"
                        + "|(?=\\d{3}[.-]\\d{3}[.-]\\d{4}(?!\\d)))"
                        + "\\d{1,5}(?:[ .-]?\\d{1,5}){0,5}(?!\\w)");

        static String redact(String text) {
            return replace(replace(replace(text, CARD, "[card]"), EMAIL, "[email]"), PHONE, "[phone]");
        }

        private static String replace(String text, Pattern pattern, String mask) {
            Matcher m = pattern.matcher(text);
            return m.replaceAll(Matcher.quoteReplacement(mask));
        }
    }
}
