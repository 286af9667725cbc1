package dev.chatbot.web.model;

import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the model to serve: the promoted model directory when there is one, otherwise (a fresh machine
 * with an empty {@code models/}) a quick n-gram model trained from the training data at start-up.
 */
public final class ServingModelLoader {

    private static final Logger log = LoggerFactory.getLogger(ServingModelLoader.class);

    private ServingModelLoader() {
    }

    public static ServingModel load(Path modelDir, Path trainingData) {
        long started = System.nanoTime();
        ServingModel model = Files.isDirectory(modelDir) ? fromDirectory(modelDir) : trainQuickly(trainingData);
        log.info("Serving intent model {} ({} intents with answers) loaded in {} ms", model.version(),
                model.faq().size(), (System.nanoTime() - started) / 1_000_000);
        return model;
    }

    private static ServingModel fromDirectory(Path modelDir) {
        try {
            LoadedModel loaded = ModelIo.load(modelDir);
            return new ServingModel(loaded.classifier(), loaded.intents());
        } catch (ModelLoadException e) {
            throw new IllegalStateException("cannot serve the model: " + e.getMessage(), e);
        }
    }

    private static ServingModel trainQuickly(Path trainingData) {
        log.warn("No model directory found: training an n-gram model from {} (run ./chatbot train for the full model)",
                trainingData);
        TrainingData data;
        try {
            data = TrainingDataLoader.load(trainingData);
        } catch (DataFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        IntentModelTrainer trainer = new IntentModelTrainer(new OpenNlpTextPipeline(true), null,
                List.of(new MaxentIntentTrainer(100, 0.1, 2, false)));
        TrainedModel trained = trainer.train(data, TrainingSettings.defaults(), message -> log.info("{}", message));
        return new ServingModel(trained.classifier(), data.definitions());
    }
}
