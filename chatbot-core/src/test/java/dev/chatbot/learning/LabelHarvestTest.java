package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.testing.TinyData;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelHarvestTest {

    private static final TrainingData BASE = TinyData.data();
    private int clock;

    private Evidence agent(String text, String intent) {
        return evidence(text, intent, Evidence.Source.AGENT_LABEL);
    }

    private Evidence evidence(String text, String intent, Evidence.Source source) {
        clock++;
        return new Evidence(
                ConversationId.of("c" + clock),
                MessageId.of("m" + clock),
                text,
                IntentName.of(intent),
                source,
                Instant.ofEpochSecond(1_000_000 + clock));
    }

    @Test
    void dropsDuplicatesOfTheTrainingDataIgnoringCaseAndSpacing() {
        var result = new LabelHarvest(0.0, 20)
                .harvest(
                        BASE,
                        List.of(
                                agent("Where  is my ORDER?", "order_status"),
                                agent("my order is lost in the post", "order_status")));

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.training()).extracting(Evidence::text).containsExactly("my order is lost in the post");
    }

    @Test
    void reportsConflictsAndKeepsTheMajorityOrDropsATie() {
        var result = new LabelHarvest(0.0, 20)
                .harvest(
                        BASE,
                        List.of(
                                agent("money for my parcel", "refund_status"),
                                agent("money for my parcel", "refund_status"),
                                agent("money for my parcel", "order_status"),
                                agent("hello where is it", "greeting"),
                                agent("hello where is it", "order_status"),
                                agent("where is my order", "refund_status")));

        assertThat(result.conflicts())
                .extracting(LabelHarvest.Conflict::text)
                .containsExactlyInAnyOrder("money for my parcel", "hello where is it", "where is my order");
        assertThat(result.conflicts())
                .filteredOn(c -> c.text().equals("where is my order"))
                .singleElement()
                .satisfies(c -> assertThat(c.trainingDataIntent()).isEqualTo("order_status"));
        assertThat(result.training()).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("money for my parcel");
            assertThat(e.intent()).isEqualTo(IntentName.of("refund_status"));
        });
    }

    @Test
    void agentLabelsOutvoteHelpfulAnswers() {
        var result = new LabelHarvest(0.0, 20)
                .harvest(
                        BASE,
                        List.of(
                                evidence("refund or parcel", "order_status", Evidence.Source.HELPFUL_ANSWER),
                                evidence("refund or parcel", "order_status", Evidence.Source.HELPFUL_ANSWER),
                                agent("refund or parcel", "refund_status")));

        assertThat(result.training())
                .singleElement()
                .satisfies(e -> assertThat(e.intent()).isEqualTo(IntentName.of("refund_status")));
    }

    @Test
    void setsAsideLabelsOfIntentsTheTrainingDataDoesNotHave() {
        var result = new LabelHarvest(0.0, 20).harvest(BASE, List.of(agent("do you sell gift cards", "gift_cards")));

        assertThat(result.training()).isEmpty();
        assertThat(result.unknownIntents()).isEqualTo(Map.of("gift_cards", 1));
    }

    @Test
    void keepsNotCoveredMarksAsOutOfScopeExamplesEvenWhenTheTrainingDataHasNone() {
        var result = new LabelHarvest(0.0, 20)
                .harvest(
                        BASE,
                        List.of(
                                evidence("do you repair sofas", "out_of_scope", Evidence.Source.NOT_COVERED),
                                evidence("do you repair sofas", "order_status", Evidence.Source.HELPFUL_ANSWER)));

        assertThat(result.notCoveredMarks()).isEqualTo(1);
        assertThat(result.unknownIntents()).isEmpty();
        assertThat(result.training())
                .singleElement()
                .satisfies(e -> assertThat(e.intent()).isEqualTo(IntentName.of("out_of_scope")));
    }

    @Test
    void learnsAtMostThreeTimesTheMedianIntentsExamplesOfMarksTheNewestFirst() {
        List<Evidence> marks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            marks.add(evidence("near miss number " + i, "out_of_scope", Evidence.Source.NOT_COVERED));
        }
        int median = (int) BASE.examples().stream()
                .collect(
                        java.util.stream.Collectors.groupingBy(e -> e.intent(), java.util.stream.Collectors.counting()))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .sorted()
                .skip(BASE.examples().stream().map(e -> e.intent()).distinct().count() / 2)
                .findFirst()
                .orElseThrow();

        List<Evidence> kept = Retraining.capMarks(BASE, marks, m -> {});

        assertThat(kept)
                .hasSize(Math.max(20, 3 * median))
                .contains(marks.get(199))
                .doesNotContain(marks.get(0));
    }

    @Test
    void holdsOutTheNewestShareAsRecentTrafficWhenThereIsEnough() {
        List<Evidence> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(agent("parcel question number " + i, "order_status"));
        }
        var result = new LabelHarvest(0.2, 20).harvest(BASE, many);
        var few = new LabelHarvest(0.2, 20).harvest(BASE, many.subList(0, 50));

        assertThat(result.recent())
                .hasSize(20)
                .extracting(Evidence::text)
                .contains("parcel question number 99")
                .doesNotContain("parcel question number 79");
        assertThat(result.training()).hasSize(80);
        assertThat(few.recent()).isEmpty();
        assertThat(few.training()).hasSize(50);
    }

    private Evidence inLanguage(String text, String intent, Evidence.Source source, String language) {
        Evidence e = evidence(text, intent, source);
        return new Evidence(e.conversationId(), e.messageId(), e.text(), e.intent(), e.source(), e.at(), language);
    }

    /** The tiny FAQ with a German section that knows order_status only. */
    private static TrainingData withGerman() {
        TrainingData german = new TrainingData(
                List.of(
                        new Example("wo ist meine bestellung", IntentName.of("order_status"), "inline"),
                        new Example("wann kommt mein paket", IntentName.of("order_status"), "inline")),
                Map.of());
        return new TrainingData(BASE.examples(), Map.of(), Map.of("de", german));
    }

    @Test
    void checksAMessageAgainstTheDataOfTheLanguageItWasDetectedIn() {
        TrainingData data = withGerman();
        var result = new LabelHarvest(0.0, 20)
                .harvest(
                        data,
                        List.of(
                                inLanguage(
                                        "Wo ist meine Bestellung?", "order_status", Evidence.Source.AGENT_LABEL, "de"),
                                inLanguage("mein paket ist weg", "order_status", Evidence.Source.AGENT_LABEL, "de"),
                                inLanguage("ich will mein geld", "refund_status", Evidence.Source.AGENT_LABEL, "de"),
                                inLanguage("hat dieser laden parkplätze", "x", Evidence.Source.NOT_COVERED, "de"),
                                inLanguage("où est ma commande", "order_status", Evidence.Source.AGENT_LABEL, "fr")));

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.unknownIntents()).containsExactly(Map.entry("refund_status (de)", 1));
        assertThat(result.training())
                .extracting(Evidence::text)
                .containsExactly("mein paket ist weg", "hat dieser laden parkplätze", "où est ma commande");
        assertThat(result.training())
                .extracting(e -> LabelHarvest.languageIn(data, e))
                .containsExactly("de", "de", "");
    }

    @Test
    void holdsOutMainLanguageMessagesOnlyAndLearnsTheOthersIntoTheirLanguage() {
        TrainingData data = withGerman();
        List<Evidence> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(agent("parcel question number " + i, "order_status"));
            many.add(inLanguage("paketfrage nummer " + i, "order_status", Evidence.Source.AGENT_LABEL, "de"));
        }
        var result = new LabelHarvest(0.2, 20).harvest(data, many);

        assertThat(result.recent())
                .hasSize(20)
                .allSatisfy(e -> assertThat(e.language()).isNull());
        assertThat(result.training()).hasSize(180);

        TrainingData learnt = Retraining.learnt(data, result.training(), m -> {});
        assertThat(learnt.examples())
                .hasSize(80)
                .allSatisfy(e -> assertThat(e.text()).startsWith("parcel"));
        assertThat(learnt.languages().get("de").examples())
                .hasSize(100)
                .allSatisfy(e -> assertThat(e.text()).startsWith("paketfrage"));
        TrainingData merged = data.merge(learnt);
        assertThat(merged.languages().get("de").examples()).hasSize(102);
        assertThat(merged.examples()).hasSize(BASE.examples().size() + 80);
    }

    @Test
    void evidenceBecomesAnExampleNamingItsConversation() {
        Example e = agent("parcel?", "order_status").toExample();
        assertThat(e.source()).startsWith("transcript:c");
    }
}
