package dev.chatbot.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.IntentName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IntentGroupsTest {

    @Test
    void keepsIntentsOfOneCategoryTogether() {
        Map<IntentName, Integer> counts = new TreeMap<>();
        for (String s : List.of("a1", "a2", "b1", "b2", "c1", "c2")) {
            counts.put(IntentName.of(s), 10);
        }
        Map<IntentName, String> categories = Map.of(
                IntentName.of("a1"),
                "a",
                IntentName.of("a2"),
                "a",
                IntentName.of("b1"),
                "b",
                IntentName.of("b2"),
                "b",
                IntentName.of("c1"),
                "c",
                IntentName.of("c2"),
                "c");
        var groups = IntentGroups.partition(counts, categories, 3);
        assertThat(groups)
                .hasSize(3)
                .allMatch(g -> g.size() == 2
                        && g.get(0).value().charAt(0) == g.get(1).value().charAt(0));
    }

    @Test
    void groupsByNamePrefixWhenThereAreNoCategories() {
        Map<IntentName, Integer> counts = new TreeMap<>();
        for (String s : List.of("card_arrival", "card_linking", "top_up_failed", "top_up_limits")) {
            counts.put(IntentName.of(s), 5);
        }
        var groups = IntentGroups.partition(counts, Map.of(), 2);
        assertThat(groups)
                .containsExactlyInAnyOrder(
                        List.of(IntentName.of("card_arrival"), IntentName.of("card_linking")),
                        List.of(IntentName.of("top_up_failed"), IntentName.of("top_up_limits")));
    }

    @Test
    void fallsBackToSingleIntentsWhenAllShareOneTopic() {
        Map<IntentName, Integer> counts =
                new TreeMap<>(Map.of(IntentName.of("x_a"), 3, IntentName.of("x_b"), 3, IntentName.of("x_c"), 3));
        assertThat(IntentGroups.partition(counts, Map.of(), 3)).hasSize(3);
    }
}
