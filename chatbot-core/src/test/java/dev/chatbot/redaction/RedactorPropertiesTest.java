package dev.chatbot.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated adversarial inputs for the {@link Redactor}: digit runs and separators (what made the old phone pattern
 * backtrack), repeated short units, e-mail and IBAN fragments, Unicode digits, format characters and lone
 * surrogates, up to 2,000 characters. The work is measured in scanner steps, not time, so the bounds hold on any
 * machine. The input with the most steps per character of each family is written to
 * {@code target/redaction-worst-inputs.txt} (escaped), for the JMH benchmark in chatbot-bench.
 * {@code -Dredaction.seed=N} varies the generated inputs (default: a fixed seed).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedactorPropertiesTest {

    private static final long SEED = Long.getLong("redaction.seed", 20_2026L);
    private static final int MAX_LENGTH = 2000;
    /** Steps per character no input may exceed: a quadratic scan of 2,000 characters would need about 2,000. */
    private static final int STEPS_PER_CHAR = 60;

    private static final String DIGITS_AND_SEPARATORS = "0123456789 -./()+";
    private static final String MIXED = DIGITS_AND_SEPARATORS + "@._%#:,aZxXDE\n";
    private static final List<String> TOKENS = List.of(
            "4111",
            "1111",
            "0",
            "00",
            "+44",
            "(0)",
            " ",
            "-",
            ".",
            "/",
            "@",
            "a.b",
            "x@",
            "@y.",
            "de",
            "DE89",
            "GB29 ",
            "NWBK",
            "01.03.",
            "2025",
            "123-45-",
            "AB 12 ",
            "X123",
            "12345678",
            "order ",
            "#",
            "+",
            "(",
            ")",
            "..",
            "--",
            "  ");
    private static final List<String> UNICODE = List.of(
            "４",
            "١",
            "٣",
            "\u200b",
            "\u00a0",
            "\u202f",
            "＠",
            "．",
            "ﬁ",
            "²",
            "①",
            "⑴",
            "\ud83d\ude00",
            "\ud800",
            "\udc00",
            "é",
            "e\u0301",
            "\u0000",
            "7",
            " ",
            "-");

    private static final Redactor REDACTOR = Redactor.defaults();
    private static final Map<String, String> WORST = new TreeMap<>();
    private static final Map<String, Double> WORST_RATIO = new TreeMap<>();

    private static Gen<String> from(List<String> pieces, int maxPieces) {
        return lists().of(Generate.pick(pieces)).ofSizeBetween(0, maxPieces).map(l -> truncate(String.join("", l)));
    }

    private static List<String> chars(String alphabet) {
        return alphabet.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    private static String truncate(String s) {
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }

    /** A short unit repeated to a length up to 2,000: repetition is what brings out super-linear behaviour. */
    private static Gen<String> repeated(List<String> alphabet) {
        return lists().of(Generate.pick(alphabet))
                .ofSizeBetween(1, 8)
                .zip(integers().between(0, MAX_LENGTH), (unit, length) -> {
                    String u = String.join("", unit);
                    return u.repeat(length / u.length() + 1).substring(0, length);
                });
    }

    private static Map<String, Gen<String>> families() {
        Map<String, Gen<String>> f = new TreeMap<>();
        f.put("digits-and-separators", from(chars(DIGITS_AND_SEPARATORS), MAX_LENGTH));
        f.put("repeated-digits-and-separators", repeated(chars(DIGITS_AND_SEPARATORS)));
        f.put("mixed", from(chars(MIXED), MAX_LENGTH));
        f.put("repeated-mixed", repeated(chars(MIXED)));
        f.put("tokens", from(TOKENS, 600));
        f.put("repeated-tokens", repeated(TOKENS));
        f.put("unicode", from(UNICODE, MAX_LENGTH));
        return f;
    }

    private static void check(String family, String text) {
        long steps = REDACTOR.steps(text);
        assertThat(steps)
                .as("steps for %d characters of %s", text.length(), family)
                .isLessThanOrEqualTo((long) STEPS_PER_CHAR * (text.length() + 1));
        double ratio = (double) steps / (text.length() + 1);
        synchronized (WORST) {
            if (text.length() >= MAX_LENGTH / 2 && ratio > WORST_RATIO.getOrDefault(family, -1.0)) {
                WORST_RATIO.put(family, ratio);
                WORST.put(family, text);
            }
        }
    }

    @Test
    void readsEveryAdversarialInputInAFewStepsPerCharacter() {
        families()
                .forEach((family, gen) -> qt().withFixedSeed(SEED)
                        .withExamples(300)
                        .forAll(gen)
                        .describedAs(RedactorPropertiesTest::escape)
                        .checkAssert(text -> check(family, text)));
    }

    @Test
    void workGrowsLinearlyWithTheLengthOfARepeatedUnit() {
        qt().withFixedSeed(SEED)
                .withExamples(300)
                .forAll(lists().of(Generate.pick(new ArrayList<>(TOKENS) {
                            {
                                addAll(chars(MIXED));
                            }
                        }))
                        .ofSizeBetween(1, 10)
                        .map(l -> String.join("", l)))
                .describedAs(RedactorPropertiesTest::escape)
                .checkAssert(unit -> {
                    String shorter = unit.repeat(500 / unit.length() + 1).substring(0, 500);
                    String longer = unit.repeat(2000 / unit.length() + 1).substring(0, 2000);
                    assertThat(REDACTOR.steps(longer))
                            .as("4 times the text, about 4 times the work")
                            .isLessThanOrEqualTo(4 * REDACTOR.steps(shorter) + 40L * STEPS_PER_CHAR);
                });
    }

    @Test
    void findingsAreOrderedDisjointAndEverythingElseIsKeptAsWritten() {
        Gen<String> any = families().values().stream().reduce(Gen::mix).orElseThrow();
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(any)
                .describedAs(RedactorPropertiesTest::escape)
                .checkAssert(text -> {
                    List<Finding> findings = REDACTOR.find(text);
                    StringBuilder expected = new StringBuilder();
                    int last = 0;
                    for (Finding f : findings) {
                        assertThat(f.start()).isGreaterThanOrEqualTo(last);
                        assertThat(f.end()).isLessThanOrEqualTo(text.length());
                        expected.append(text, last, f.start())
                                .append(REDACTOR.settings().mask(f.kind()));
                        last = f.end();
                    }
                    assertThat(REDACTOR.redact(text))
                            .isEqualTo(expected.append(text.substring(last)).toString());
                });
    }

    @Test
    void everyPlantedCardIbanEmailAndPhoneIsRedactedWhateverSurroundsIt() {
        Gen<String> words = from(List.of(" ", "thanks", "my", "card", "is", ",", ".", "!", "é", "ok", "\n", "the"), 40)
                .map(w -> " " + w + " ");
        Gen<String> secret =
                Generated.cards().mix(Generated.ibans()).mix(Generated.emails()).mix(Generated.phones());
        qt().withFixedSeed(SEED)
                .withExamples(2000)
                .forAll(words, secret, words)
                .checkAssert((before, planted, after) -> {
                    String redacted = REDACTOR.redact(before + planted + after);
                    assertThat(redacted)
                            .as(planted)
                            .isEqualTo(before
                                    + REDACTOR.settings()
                                            .mask(REDACTOR.find(planted).get(0).kind())
                                    + after);
                    String digits = planted.replaceAll("[^0-9]", "");
                    if (digits.length() >= 7) {
                        assertThat(redacted.replaceAll("[^0-9]", "")).doesNotContain(digits);
                    }
                });
    }

    @Test
    void cardLikeNumbersFailingLuhnAreNoCards() {
        // a 15-digit one may still pass the French social security number's key (about 1 in 100): not a card
        qt().withFixedSeed(SEED)
                .withExamples(2000)
                .forAll(Generated.notCards())
                .checkAssert(number -> assertThat(REDACTOR.find("ref " + number + " thanks"))
                        .noneMatch(f -> f.kind() == PersonalData.CARD_NUMBER));
    }

    @Test
    void datesAreKept() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(Generated.dates()).checkAssert(date -> {
            String text = "delivered " + date + " thanks";
            assertThat(REDACTOR.redact(text)).isEqualTo(text);
        });
    }

    @AfterAll
    static void writeTheWorstInputs() throws IOException {
        Path out = Path.of("target", "redaction-worst-inputs.txt");
        Files.createDirectories(out.getParent());
        String lines = WORST.entrySet().stream()
                .map(e -> String.format("%s\t%.1f\t%s", e.getKey(), WORST_RATIO.get(e.getKey()), escape(e.getValue())))
                .collect(Collectors.joining("\n", "# family\tsteps per char\tinput (Java escapes)\n", "\n"));
        Files.writeString(out, lines, StandardCharsets.UTF_8);
    }

    /** The text with non-printable-ASCII chars as Java escapes, so one input is one line. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
