package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining end to end on tiny data: a weak current model, labelled traffic in a real embedded store, a
 * candidate trained by an n-gram maxent engine, and the gate's verdict.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetrainingTest {

    private static final List<String> INTENTS = List.of("order_status", "refund_status", "shipping_cost", "greeting");
    /** Per intent: phrasings for the seed data, for customer traffic and for the held-out test set. */
    private static final Map<String, List<String>> CORES = Map.of(
            "order_status",
                    List.of(
                            "where is my order",
                            "track my parcel",
                            "has my order shipped",
                            "my package has not arrived",
                            "when will my order arrive",
                            "order still not here",
                            "where is my parcel now",
                            "is my order on its way",
                            "my delivery is late",
                            "tracking for my order",
                            "parcel not delivered yet",
                            "did you send my order"),
            "refund_status",
                    List.of(
                            "where is my refund",
                            "when do I get my money back",
                            "refund not received",
                            "money back for my return",
                            "has my refund been paid",
                            "still waiting for my refund",
                            "refund status please",
                            "did you refund me",
                            "my refund is late",
                            "no money back yet",
                            "refund for the returned item",
                            "when is the refund coming"),
            "shipping_cost",
                    List.of(
                            "how much is shipping",
                            "what does delivery cost",
                            "is shipping free",
                            "delivery charges",
                            "shipping fee to my country",
                            "cost of express delivery",
                            "do you charge for postage",
                            "free delivery threshold",
                            "what are the postage costs",
                            "price of shipping",
                            "how much to deliver",
                            "shipping prices"),
            "greeting",
                    List.of(
                            "hello",
                            "hi there",
                            "good morning",
                            "hey",
                            "hello there",
                            "hi",
                            "good evening",
                            "hey hello",
                            "morning",
                            "hiya",
                            "greetings",
                            "good afternoon"));

    private static final List<String> DECORATIONS =
            List.of("%s", "hi, %s please", "%s?", "%s thanks", "excuse me %s", "ok so %s");
    private static final AgentId AGENT = AgentId.of("agent");

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ModelRepository repository;
    private final AtomicLong now = new AtomicLong(1_700_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now.incrementAndGet());
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir.resolve("var"), false));
        repository = new ModelRepository(dir.resolve("models"));
        new ModelTraining(trainer())
                .run(seed(), "seed", settings(), repository, testRows(), null, true, TrainingProgress.SILENT);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void gateRefusesACandidateTrainedWithThirtyPercentWrongAgentLabels() throws Exception {
        String before = repository.currentVersion().orElseThrow();
        replayTraffic(0.30);

        Retraining.Outcome outcome =
                retraining().run(TranscriptEvidence.logs(store), request(PromoteMode.AUTO), TrainingProgress.SILENT);

        assertThat(outcome.report().decision())
                .as(RetrainReportFiles.text(outcome.report()))
                .isEqualTo(RetrainReport.Decision.KEPT_CURRENT);
        assertThat(outcome.report().reasons()).anyMatch(r -> r.contains("->"));
        assertThat(repository.currentVersion()).contains(before);
        assertThat(outcome.candidateDirectory().resolve(Retraining.REPORT_JSON)).exists();
    }

    @Test
    void correctAgentLabelsArePromotedWithAReportNextToTheCandidate() throws Exception {
        String before = repository.currentVersion().orElseThrow();
        replayTraffic(0.0);

        Retraining.Outcome outcome =
                retraining().run(TranscriptEvidence.logs(store), request(PromoteMode.AUTO), TrainingProgress.SILENT);

        RetrainReport report = outcome.report();
        assertThat(report.decision()).as(RetrainReportFiles.text(report)).isEqualTo(RetrainReport.Decision.PROMOTED);
        assertThat(repository.currentVersion())
                .contains(report.candidateVersion())
                .isNotEqualTo(before);
        assertThat(report.examplesAdded()).isNotEmpty();
        assertThat(report.recentHeldOut()).isPositive();
        assertThat(report.testCandidate().accuracy())
                .isGreaterThan(report.testCurrent().accuracy());
        assertThat(report.testCandidate().answeredPrecision())
                .isGreaterThan(report.testCurrent().answeredPrecision());
        assertThat(report.perIntent()).containsKeys(INTENTS.toArray(String[]::new));
        Path candidate = outcome.candidateDirectory();
        assertThat(RetrainReportFiles.read(candidate.resolve(Retraining.REPORT_JSON)))
                .isEqualTo(report);
        assertThat(Files.readString(candidate.resolve(Retraining.REPORT_TEXT))).contains("PROMOTED", "per intent");
        assertThat(Files.readAllLines(candidate.resolve(Retraining.EXAMPLES_ADDED)))
                .hasSize(report.examplesAdded().size() + 1);

        assertThat(repository.rollback()).isEqualTo(before);
    }

    @Test
    void neverKeepsTheCandidateAsideAndForcePromotesDespiteTheGate() throws Exception {
        String before = repository.currentVersion().orElseThrow();
        replayTraffic(0.30);

        Retraining.Outcome never =
                retraining().run(TranscriptEvidence.logs(store), request(PromoteMode.NEVER), TrainingProgress.SILENT);
        assertThat(never.report().decision()).isEqualTo(RetrainReport.Decision.NOT_PROMOTED);
        assertThat(repository.currentVersion()).contains(before);

        now.addAndGet(5); // a new version id second
        Thread.sleep(1100); // the trainer names a version by the wall-clock second: not synchronisation
        Retraining.Outcome forced =
                retraining().run(TranscriptEvidence.logs(store), request(PromoteMode.FORCE), TrainingProgress.SILENT);
        assertThat(forced.report().decision()).isEqualTo(RetrainReport.Decision.FORCED);
        assertThat(repository.currentVersion()).contains(forced.report().candidateVersion());
    }

    @Test
    void labelsOnGermanMessagesAreLearntIntoTheGermanModelNotTheMainOne() throws Exception {
        TrainingData german = new TrainingData(
                List.of(
                        new Example("wo ist meine bestellung", IntentName.of("order_status"), "seed"),
                        new Example("wann kommt mein paket", IntentName.of("order_status"), "seed"),
                        new Example("was kostet der versand", IntentName.of("shipping_cost"), "seed"),
                        new Example("ist der versand kostenlos", IntentName.of("shipping_cost"), "seed")),
                faq());
        TrainingData base = new TrainingData(seed().examples(), faq(), Map.of("de", german));
        List<String> labelled = List.of(
                "mein paket ist noch nicht da",
                "wo bleibt meine lieferung",
                "wie teuer ist die lieferung",
                "versandkosten nach hause");
        for (int i = 0; i < labelled.size(); i++) {
            ConversationId id = ConversationId.of("de-" + i);
            MessageId message = MessageId.of("m-de-" + i);
            store.append(
                    id,
                    0,
                    List.of(
                            new TranscriptEvent.ConversationStarted(clock.instant(), "web", "de"),
                            new TranscriptEvent.MessageReceived(
                                    clock.instant(), message, labelled.get(i), List.of(), null, "de"),
                            new TranscriptEvent.Labelled(
                                    clock.instant(),
                                    AGENT,
                                    message,
                                    IntentName.of(i < 2 ? "order_status" : "shipping_cost"))));
        }

        // the main data is the seed's, so the version id differs from the seed model's by its second only
        Thread.sleep(1100); // not synchronisation
        Retraining.Outcome outcome = retraining()
                .run(
                        TranscriptEvidence.logs(store),
                        new Retraining.Request(base, "seed", testRows(), null, null, PromoteMode.NEVER),
                        TrainingProgress.SILENT);

        Path candidate = outcome.candidateDirectory();
        assertThat(ModelIo.readManifest(candidate.resolve("de")).training().examples())
                .isEqualTo(4 + 4);
        assertThat(ModelIo.readManifest(candidate).training().examples())
                .isEqualTo(seed().examples().size());
        assertThat(outcome.report().examplesAdded())
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.language()).isEqualTo("de"));
        assertThat(Files.readAllLines(candidate.resolve(Retraining.EXAMPLES_ADDED)))
                .first()
                .asString()
                .endsWith(",language");
    }

    @Test
    void nothingIsTrainedWithoutNewLabels() throws Exception {
        Retraining.Outcome outcome =
                retraining().run(TranscriptEvidence.logs(store), request(PromoteMode.AUTO), TrainingProgress.SILENT);

        assertThat(outcome.report().decision()).isEqualTo(RetrainReport.Decision.NOTHING_NEW);
        assertThat(outcome.candidateDirectory()).isNull();
    }

    /** Customer traffic the current model cannot answer; an agent labels every message, wrongly for {@code wrongShare}. */
    private void replayTraffic(double wrongShare) {
        FakeIntentClassifier unsure = new FakeIntentClassifier(0.9);
        Map<IntentName, IntentDefinition> faq = faq();
        ConversationService service = new ConversationService(
                unsure,
                faq,
                new EscalationPolicy(EscalationSettings.defaults(), faq),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                clock);
        AgentDesk desk = new AgentDesk(store, clock);
        List<Example> traffic = traffic();
        int wrongEvery = wrongShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / wrongShare);
        for (int i = 0; i < traffic.size(); i++) {
            Example e = traffic.get(i);
            ConversationId id = service.start("web", "en");
            MessageId message = MessageId.of("m" + i);
            service.receive(id, message, e.text());
            desk.claim(id, AGENT);
            IntentName label = e.intent();
            if (i % 10 < Math.round(wrongShare * 10) && wrongEvery != Integer.MAX_VALUE) {
                label = IntentName.of(INTENTS.get((INTENTS.indexOf(e.intent().value()) + 1) % INTENTS.size()));
            }
            desk.label(id, AGENT, message, label);
            desk.resolve(id, AGENT);
        }
    }

    private Retraining retraining() {
        return new Retraining(
                trainer(),
                settings(),
                GateSettings.defaults(),
                repository,
                new TranscriptEvidence(Redactor.defaults()));
    }

    private Retraining.Request request(PromoteMode mode) {
        return new Retraining.Request(seed(), "seed", testRows(), null, null, mode);
    }

    private static IntentModelTrainer trainer() {
        return new IntentModelTrainer(
                new OpenNlpTextPipeline(true), null, List.of(new MaxentIntentTrainer(100, 0.1, 1, false)));
    }

    private static TrainingSettings settings() {
        return new TrainingSettings(0.9, 0.2, 2, 0.25, 4000, null, 1, 42L);
    }

    /** Two phrasings per intent: the weak model in production. */
    private static TrainingData seed() {
        List<Example> examples = new ArrayList<>();
        for (String intent : INTENTS) {
            for (String core : CORES.get(intent).subList(0, 2)) {
                examples.add(new Example(core, IntentName.of(intent), "seed"));
            }
        }
        return new TrainingData(examples, faq());
    }

    /** Phrasings 2..9 of each intent, decorated, interleaved by intent. */
    private static List<Example> traffic() {
        List<Example> out = new ArrayList<>();
        for (String decoration : DECORATIONS) {
            for (int p = 2; p < 10; p++) {
                for (String intent : INTENTS) {
                    out.add(new Example(
                            String.format(decoration, CORES.get(intent).get(p)), IntentName.of(intent)));
                }
            }
        }
        return out;
    }

    /** Phrasings 10 and 11 of each intent, never seen in training or traffic. */
    private static List<Example> testRows() {
        List<Example> out = new ArrayList<>();
        for (String intent : INTENTS) {
            for (String core : CORES.get(intent).subList(10, 12)) {
                for (String decoration : DECORATIONS.subList(0, 3)) {
                    out.add(new Example(String.format(decoration, core), IntentName.of(intent)));
                }
            }
        }
        return out;
    }

    private static Map<IntentName, IntentDefinition> faq() {
        Map<IntentName, IntentDefinition> faq = new LinkedHashMap<>();
        for (String intent : INTENTS) {
            IntentName name = IntentName.of(intent);
            faq.put(
                    name,
                    new IntentDefinition(
                            name,
                            intent.equals("greeting") ? "smalltalk" : "orders",
                            "answer for " + intent,
                            List.of(),
                            false));
        }
        return faq;
    }
}
