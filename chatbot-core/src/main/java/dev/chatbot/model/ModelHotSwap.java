package dev.chatbot.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a running service to a newly promoted model without a restart: the model path is checked every
 * {@code interval} (and at once on a promotion notice from another instance), a new model is loaded and warmed up on
 * the watcher's thread ({@link CurrentModelWatcher}), then swapped into the {@link ModelSlot} in one step. Messages in
 * flight finish on the model they started with, so no request fails, and the model replaced is released. A model
 * trained from plain CSV (no answers of its own) keeps the FAQ being served.
 */
public final class ModelHotSwap implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelHotSwap.class);

    private final ModelSlot slot;
    private final UnaryOperator<FaqModel> prepare;
    private final Consumer<FaqModel> swapped;
    private final CurrentModelWatcher watcher;
    private final AutoCloseable listening;
    private final PromotionNotices notices;

    /**
     * @param notices promotion notices to react to at once (closed with this), or null to rely on the periodic check
     * @param prepare what the server wraps around a model before serving it (for example, timing its classifications)
     * @param swapped told of each model once it is served
     */
    public ModelHotSwap(
            ModelSlot slot,
            Path modelPath,
            Duration interval,
            PromotionNotices notices,
            UnaryOperator<FaqModel> prepare,
            Consumer<FaqModel> swapped) {
        this.slot = Objects.requireNonNull(slot, "slot");
        this.prepare = Objects.requireNonNull(prepare, "prepare");
        this.swapped = Objects.requireNonNull(swapped, "swapped");
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

    private void serve(LoadedModel loaded) {
        FaqModel model = loaded.model().faq().isEmpty()
                ? new FaqModel(loaded.model().classifier(), slot.current().faq())
                : loaded.model();
        FaqModel served = prepare.apply(model);
        FaqModel previous = slot.swap(served);
        swapped.accept(served);
        log.info("Swapped intent model {} for {}", previous.version(), served.version());
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
