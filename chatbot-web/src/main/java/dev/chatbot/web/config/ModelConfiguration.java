package dev.chatbot.web.config;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.ModelHotSwap;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.model.PromotionNotices;
import dev.chatbot.model.redis.RedisPromotionNotices;
import dev.chatbot.store.Stores;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.TrainingSettings;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.metrics.TimedIntentClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model the service answers with: the promoted model directory, or on a fresh machine with an empty
 * {@code models/} a quick n-gram model trained from the training data at start-up; its classifications timed for the
 * metrics; replaced by {@link ModelHotSwap} when a new one is promoted.
 */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

    /**
     * The slot is the only holder of the loaded model (no bean of its own), so a replaced model, the first one
     * included, is released.
     */
    @Bean
    ModelSlot modelSlot(ChatbotProperties properties, ChatMetrics metrics) {
        FaqModel model = timed(load(properties.model().dir(), properties.model().trainingData()), metrics);
        metrics.modelChanged(model.version());
        return new ModelSlot(model);
    }

    @Bean(destroyMethod = "close")
    ModelHotSwap modelHotSwap(ModelSlot slot, ChatMetrics metrics, ChatbotProperties properties, Stores stores) {
        PromotionNotices notices = stores.redis().map(RedisPromotionNotices::on).orElse(null);
        return new ModelHotSwap(
                slot,
                properties.model().dir(),
                properties.model().watchInterval(),
                notices,
                model -> timed(model, metrics),
                model -> metrics.modelChanged(model.version()));
    }

    private static FaqModel timed(FaqModel model, ChatMetrics metrics) {
        return model.withClassifiers(classifier -> new TimedIntentClassifier(classifier, metrics.classification()));
    }

    /**
     * The model in {@code modelDir}, or one trained quickly from {@code trainingData} when there is none; a model
     * trained from plain CSV has no answers, so they come from the FAQ files of {@code trainingData}.
     */
    static FaqModel load(Path modelDir, Path trainingData) {
        long started = System.nanoTime();
        FaqModel model = Files.isDirectory(modelDir) ? fromDirectory(modelDir) : trainQuickly(trainingData);
        if (model.faq().isEmpty() && Files.isDirectory(trainingData)) {
            model = new FaqModel(model.classifier(), trainingData(trainingData).definitions());
        }
        log.info(
                "Serving intent model {} ({} intents with answers) loaded in {} ms",
                model.version(),
                model.faq().size(),
                (System.nanoTime() - started) / 1_000_000);
        return model;
    }

    private static FaqModel fromDirectory(Path modelDir) {
        try {
            return ModelIo.load(modelDir).model();
        } catch (ModelLoadException e) {
            throw new IllegalStateException("cannot serve the model: " + e.getMessage(), e);
        }
    }

    private static FaqModel trainQuickly(Path trainingData) {
        log.warn(
                "No model directory found: training an n-gram model from {} (run ./chatbot train for the full model)",
                trainingData);
        TrainingData data = trainingData(trainingData);
        IntentModelTrainer trainer = new IntentModelTrainer(
                new OpenNlpTextPipeline(true), null, List.of(new MaxentIntentTrainer(100, 0.1, 2, false)));
        return new FaqModel(
                trainer.train(data, TrainingSettings.defaults(), message -> log.info("{}", message))
                        .classifier(),
                data.definitions());
    }

    private static TrainingData trainingData(Path dir) {
        try {
            return TrainingDataLoader.load(dir);
        } catch (DataFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
