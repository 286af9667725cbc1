package dev.chatbot.web.model;

import dev.chatbot.conversation.ModelSlot;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.CurrentModelWatcher;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.PromotionNotices;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.metrics.TimedIntentClassifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the running service to a newly promoted model without a restart: the model path is checked every
 * {@code interval} (and at once on a promotion notice from another instance, with Redis); a new model is
 * loaded and warmed up on the watcher's thread, then swapped into the {@link ModelSlot} in one step. Messages
 * in flight finish on the model they started with, so no request fails. The model-info metric follows.
 */
public final class ModelHotSwap implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelHotSwap.class);

    private final ModelSlot slot;
    private final ChatMetrics metrics;
    private final CurrentModelWatcher watcher;
    private final AutoCloseable listening;
    private final PromotionNotices notices;

    /**
     * @param notices promotion notices to react to at once (closed with this), or null to rely on the periodic
     *                check
     */
    public ModelHotSwap(ModelSlot slot, ChatMetrics metrics, Path modelPath, Duration interval, PromotionNotices notices) {
        this.slot = slot;
        this.metrics = metrics;
        this.watcher = new CurrentModelWatcher(modelPath, slot.current().version(), interval, this::serve);
        AutoCloseable subscription = null;
        if (notices != null) {
            try {
                subscription = notices.listen(version -> {
                    log.info("Model {} was promoted on another instance: checking {}", version, modelPath);
                    watcher.checkNow();
                });
            } catch (RuntimeException e) {
                log.warn("Not listening for model promotions ({}); the periodic check still runs", e.toString());
            }
        }
        this.listening = subscription;
        this.notices = notices;
    }

    private void serve(LoadedModel model) {
        Map<IntentName, IntentDefinition> faq = model.intents().isEmpty() ? slot.current().faq() : model.intents();
        ModelSlot.Model previous = slot.swap(new ModelSlot.Model(
                new TimedIntentClassifier(model.classifier(), metrics.classification()), faq));
        metrics.modelChanged(model.manifest().version());
        log.info("Swapped intent model {} for {}", previous.version(), model.manifest().version());
    }

    @Override
    public void close() throws Exception {
        watcher.close();
        if (listening != null) {
            listening.close();
        }
        if (notices != null) {
            notices.close();
        }
    }
}
