package dev.chatbot.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.IntentName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ids check their values by hand (a regex per id cost more than the rest of reading an event); they must
 * accept exactly what their documented patterns accept. Generated strings from the characters at every edge of
 * the patterns, plus the edge cases by name.
 */
class IdsMatchTheirPatternsTest {

    private static final String EDGES = "aAzZ09_-.@!~ \t\n\u000B\f\r\u0000\u001F\u007F\u0080\u00A0\"'<>\\/{}:é"
            + "\u2028\u200F\u05D0\uFEFF\uD83D\uDE00\uD800\uDC00";

    @Test
    void conversationIdsAreWhatTheirPatternSays() {
        agree("[A-Za-z0-9_-]{1,64}", ConversationId::of, 64);
    }

    @Test
    void agentIdsAreWhatTheirPatternSays() {
        agree("[A-Za-z0-9_.@-]{1,64}", AgentId::of, 64);
    }

    @Test
    void messageIdsAreWhatTheirPatternSays() {
        agree("[\\p{Graph}&&[^\\p{Cntrl}]]{1,100}", MessageId::of, 100);
    }

    @Test
    void intentNamesAreWhatTheirPatternSays() {
        agree("[^\\s\\p{Cntrl}\"'<>\\\\]{1,100}", IntentName::new, 100);
    }

    private static void agree(String regex, java.util.function.Function<String, ?> make, int maxLength) {
        Pattern pattern = Pattern.compile(regex);
        Predicate<String> accepted = value -> {
            try {
                make.apply(value);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        };
        List<String> values = new ArrayList<>(List.of(
                "",
                "a",
                "a".repeat(maxLength),
                "a".repeat(maxLength + 1),
                "\uD83D\uDE00".repeat(maxLength),
                "\uD83D\uDE00".repeat(maxLength + 1),
                "\uD83D",
                "a\uDE00b"));
        for (int i = 0; i < 128; i++) {
            values.add(String.valueOf((char) i));
            values.add("ab" + (char) i + "cd");
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(4) == 0 ? maxLength - 2 + random.nextInt(5) : random.nextInt(8);
            for (int j = 0; j < length; j++) {
                value.append(
                        random.nextInt(3) == 0
                                ? (char) random.nextInt(0x3000)
                                : EDGES.charAt(random.nextInt(EDGES.length())));
            }
            values.add(value.toString());
        }
        int agreedAccepted = 0;
        for (String value : values) {
            boolean expected = pattern.matcher(value).matches();
            assertThat(accepted.test(value))
                    .as(
                            "'%s' (%s)",
                            value,
                            value.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected);
            agreedAccepted += expected ? 1 : 0;
        }
        assertThat(agreedAccepted).as("some generated values are valid").isGreaterThan(100);
        assertThat(accepted.test(null)).isFalse();
    }
}
