package dev.chatbot.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.ModelHotSwap;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.metrics.TimedIntentClassifier;
import dev.chatbot.web.testing.TinyModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under steady traffic: the wiring of the service (model slot, timed classifier, metrics, watcher) on
 * a real model repository and embedded store, without a Spring context (the shared one serves the shipped model).
 */
class ModelHotSwapTest {

    private static final List<String> TRAFFIC =
            List.of("where is my order", "hello", "refund please", "track my parcel", "I want my money back", "hi");

    @TempDir
    Path dir;

    @Test
    void swapsToAPromotedModelUnderSteadyTrafficWithoutAFailedRequest() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("models"));
        String v1 = TinyModels.trainAndPromote(repository, 0);
        FaqModel serving = ModelConfiguration.load(repository.currentDirectory(), dir.resolve("none"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(new SqliteSettings(dir.resolve("var"), false))) {
            ChatMetrics metrics = new ChatMetrics(registry, store);
            metrics.modelChanged(serving.version());
            ModelSlot slot = new ModelSlot(
                    serving.withClassifier(new TimedIntentClassifier(serving.classifier(), metrics.classification())));
            ConversationService service = new ConversationService(
                    slot,
                    new EscalationPolicy(EscalationSettings.defaults(), serving.faq()),
                    store,
                    Redactor.defaults(),
                    ConversationSettings.defaults(),
                    Clock.systemUTC());
            assertThat(modelVersions(registry)).containsExactly(v1);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger handled = new AtomicInteger();
            List<Throwable> failures = new ArrayList<>();
            Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
            ExecutorService customers = Executors.newFixedThreadPool(3);
            try (ModelHotSwap hotSwap = new ModelHotSwap(
                    slot,
                    repository.currentDirectory(),
                    Duration.ofMillis(50),
                    null,
                    model -> model.withClassifier(
                            new TimedIntentClassifier(model.classifier(), metrics.classification())),
                    model -> metrics.modelChanged(model.version()))) {
                for (int c = 0; c < 3; c++) {
                    customers.submit(() -> {
                        int n = 0;
                        while (running.get()) {
                            try {
                                var id = service.start("web", "en");
                                service.receive(id, MessageId.random(), TRAFFIC.get(n++ % TRAFFIC.size()));
                                store.read(id, 0).stream()
                                        .map(e -> e.event())
                                        .filter(TranscriptEvent.MessageReceived.class::isInstance)
                                        .forEach(e ->
                                                versionsSeen.add(((TranscriptEvent.MessageReceived) e).modelVersion()));
                                handled.incrementAndGet();
                            } catch (Throwable t) {
                                synchronized (failures) {
                                    failures.add(t);
                                }
                            }
                        }
                    });
                }
                awaitHandled(handled, 50);
                Thread.sleep(1100); // version ids name the wall-clock second: not synchronisation
                String v2 = TinyModels.trainAndPromote(repository, 1);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> modelVersions(registry).contains(v2));
                int atSwap = handled.get();
                awaitHandled(handled, atSwap + 50);
                running.set(false);
                customers.shutdown();
                assertThat(customers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                assertThat(failures).isEmpty();
                assertThat(modelVersions(registry)).containsExactly(v2);
                assertThat(slot.current().version()).isEqualTo(v2);
                assertThat(versionsSeen).containsExactlyInAnyOrder(v1, v2);
                assertThat(slot.current().faq()).containsKey(IntentName.of("greeting"));
            }
        }
    }

    private static void awaitHandled(AtomicInteger handled, int atLeast) {
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= atLeast);
    }

    private static List<String> modelVersions(SimpleMeterRegistry registry) {
        return registry.find("chatbot.model.info").gauges().stream()
                .map(Gauge::getId)
                .map(id -> id.getTag("version"))
                .toList();
    }
}
