package dev.chatbot.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.testing.LiveInstances;
import dev.chatbot.web.testing.TinyModels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The core wiring on its own (no web server): application.yml plus a model repository in a temporary directory. */
class CoreConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void releasesTheModelItStartedWithOnceAPromotedModelIsServed() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("models"));
        TinyModels.trainAndPromote(repository, 0);
        long elsewhere = LiveInstances.of(EnsembleIntentClassifier.class); // e.g. a cached Spring test context
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(CoreConfiguration.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "chatbot.model.dir=" + repository.currentDirectory(),
                        "chatbot.model.training-data=" + dir.resolve("no-training-data"),
                        "chatbot.model.watch-interval=50ms",
                        "chatbot.store.data-dir=" + dir.resolve("var"),
                        "chatbot.store.fsync=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelSlot slot = context.getBean(ModelSlot.class);
                    assertThat(LiveInstances.of(EnsembleIntentClassifier.class) - elsewhere)
                            .isEqualTo(1);

                    Thread.sleep(1100); // version ids name the wall-clock second: not synchronisation
                    String promoted = TinyModels.trainAndPromote(repository, 1);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> slot.current().version().equals(promoted));

                    assertThat(slot.current().version()).isEqualTo(promoted);
                    // the watcher's thread may still be finishing the swap (its stack holds the model it loaded):
                    // the old model must be released, at the latest once the swap is done
                    await().atMost(Duration.ofSeconds(60))
                            .untilAsserted(
                                    () -> assertThat(LiveInstances.of(EnsembleIntentClassifier.class) - elsewhere)
                                            .as("models alive after the swap")
                                            .isEqualTo(1));
                });
    }
}
