package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.data.FaqIntentFiles;
import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class UnmetNeedsTest {

    private static final Set<IntentName> KNOWN = TestFaq.definitions().keySet();
    private static final List<String> GIFT_CARDS = List.of(
            "do you sell gift cards",
            "gift cards for christmas",
            "can I buy a gift card",
            "gift card balance",
            "how do gift cards work");
    private static final List<String> JOBS = List.of(
            "are you hiring",
            "job openings at your shop",
            "do you have any job vacancies",
            "hiring for the warehouse job",
            "apply for a job");

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir.resolve("var"), false));
        FakeIntentClassifier classifier =
                new FakeIntentClassifier(0.5).when("where is my order", "order_status", 0.9, "greeting", 0.05);
        service = new ConversationService(
                classifier,
                TestFaq.definitions(),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
        desk = new AgentDesk(store, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ConversationId say(String text) {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), text);
        return id;
    }

    @Test
    void candidatesAreLowConfidenceEscalationsNotLabelledWithAnExistingIntent() {
        say("do you sell gift cards");
        ConversationId labelledKnown = say("parcel tracking please");
        desk.label(labelledKnown, AgentId.of("a"), MessageId.of("m1"), IntentName.of("order_status"));
        ConversationId labelledNew = say("are you hiring");
        desk.label(labelledNew, AgentId.of("a"), MessageId.of("m1"), IntentName.of("jobs"));
        say("where is my order");

        List<UnmetNeeds.Message> candidates = UnmetNeeds.candidates(TranscriptEvidence.logs(store), KNOWN, null);

        assertThat(candidates)
                .extracting(UnmetNeeds.Message::text)
                .containsExactlyInAnyOrder("do you sell gift cards", "are you hiring");
    }

    @Test
    void messagesMarkedNotCoveredAreCandidatesEvenWhenTheBotAnsweredThem() {
        ConversationId answered = say("where is my order");
        desk.markNotCovered(answered, AgentId.of("a"), MessageId.of("m1"));
        ConversationId markedThenLabelled = say("do you sell gift cards");
        desk.markNotCovered(markedThenLabelled, AgentId.of("a"), MessageId.of("m1"));
        desk.label(markedThenLabelled, AgentId.of("a"), MessageId.of("m1"), IntentName.of("order_status"));

        List<UnmetNeeds.Message> candidates = UnmetNeeds.candidates(TranscriptEvidence.logs(store), KNOWN, null);

        assertThat(candidates).extracting(UnmetNeeds.Message::text).containsExactly("where is my order");
    }

    @Test
    void groupsSimilarMessagesWithSizeRepresentativesAndASuggestedName() {
        GIFT_CARDS.forEach(this::say);
        JOBS.forEach(this::say);
        say("parcel arrived broken");

        UnmetNeeds.Report report = new UnmetNeeds(new BagOfWords(), 0.3, 3, 1000)
                .group(UnmetNeeds.candidates(TranscriptEvidence.logs(store), KNOWN, null), KNOWN, 1);

        assertThat(report.candidates()).isEqualTo(11);
        assertThat(report.groups()).hasSize(2);
        assertThat(report.groups()).allSatisfy(g -> {
            assertThat(g.size()).isGreaterThanOrEqualTo(3);
            assertThat(g.representatives()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        });
        assertThat(report.groups())
                .extracting(UnmetNeeds.Group::suggestedName)
                .anyMatch(n -> n.contains("gift") || n.contains("card"))
                .anyMatch(n -> n.contains("job") || n.contains("hiring"));
        assertThat(report.groups()).flatExtracting(UnmetNeeds.Group::messages).doesNotContain("parcel arrived broken");
    }

    @Test
    void aGroupBecomesALoadableIntentFileThatIsNeverOverwritten() throws Exception {
        Path intents = dir.resolve("training-data/intents");
        Path file = NewIntentFile.create(
                intents,
                IntentName.of("gift_cards"),
                "shop",
                "Yes: \"gift cards\" from 10 EUR, in store and online.",
                GIFT_CARDS);

        TrainingData data = FaqIntentFiles.readFile(file);
        assertThat(data.examples()).hasSize(GIFT_CARDS.size());
        assertThat(data.definitions().get(IntentName.of("gift_cards")).answer()).contains("\"gift cards\"");
        assertThatThrownBy(() -> NewIntentFile.create(intents, IntentName.of("gift_cards"), "shop", "x", GIFT_CARDS))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    /** A stand-in encoder: hashed bag of content words, L2-normalised. */
    static final class BagOfWords implements SentenceEncoder {
        @Override
        public float[] encode(String text) {
            float[] v = new float[64];
            for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (w.length() > 2
                        && !Set.of("the", "for", "you", "are", "any", "have", "how", "can")
                                .contains(w)) {
                    v[Math.floorMod(w.replaceAll("s$", "").hashCode(), 64)] += 1;
                }
            }
            double n = 0;
            for (float f : v) {
                n += f * f;
            }
            for (int i = 0; i < v.length && n > 0; i++) {
                v[i] /= (float) Math.sqrt(n);
            }
            return v;
        }

        @Override
        public List<float[]> encodeAll(List<String> texts, int threads) {
            return texts.stream().map(this::encode).toList();
        }

        @Override
        public int dimension() {
            return 64;
        }

        @Override
        public String name() {
            return "bag-of-words";
        }

        @Override
        public void close() {}
    }
}
