package dev.chatbot.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a promoted-model path (normally {@code models/current}, a symbolic link the repository swaps
 * atomically) and hands each newly promoted model, loaded and warmed up, to a listener that swaps it in. A
 * check runs every {@code interval} and whenever {@link #checkNow()} is called (for example on a
 * {@link PromotionNotices promotion notice}). A model that fails to load is logged and skipped; the one being
 * served stays. Loading runs on the watcher's own thread, never on a request thread.
 */
public final class CurrentModelWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CurrentModelWatcher.class);
    private static final List<String> WARM_UP = List.of(
            "hello",
            "where is my order",
            "I want my money back",
            "can I talk to a person",
            "how much does delivery cost");

    private final Path modelPath;
    private final Consumer<LoadedModel> onNewModel;
    private final ScheduledExecutorService executor;
    private volatile String servedVersion;
    private volatile Path servedDirectory;

    /**
     * @param servedVersion the version being served now (not reloaded), or null
     */
    public CurrentModelWatcher(
            Path modelPath, String servedVersion, Duration interval, Consumer<LoadedModel> onNewModel) {
        this.modelPath = Objects.requireNonNull(modelPath, "modelPath");
        this.onNewModel = Objects.requireNonNull(onNewModel, "onNewModel");
        this.servedVersion = servedVersion;
        this.servedDirectory = realPath().orElse(null);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(10, interval.toMillis());
        executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Checks for a new model soon, on the watcher's thread. */
    public void checkNow() {
        executor.execute(this::check);
    }

    public String servedVersion() {
        return servedVersion;
    }

    private void check() {
        try {
            Path real = realPath().orElse(null);
            if (real == null || real.equals(servedDirectory)) {
                return;
            }
            ModelManifest manifest = ModelIo.readManifest(real);
            if (manifest.version().equals(servedVersion)) {
                servedDirectory = real;
                return;
            }
            long started = System.nanoTime();
            LoadedModel model = ModelIo.load(real);
            for (String text : WARM_UP) {
                model.classifier().classify(text);
            }
            onNewModel.accept(model);
            servedVersion = manifest.version();
            servedDirectory = real;
            log.info(
                    "Now serving intent model {} (loaded and warmed up in {} ms)",
                    servedVersion,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ModelLoadException e) {
            log.warn("Promoted model not loaded, still serving {}: {}", servedVersion, e.getMessage());
            servedDirectory = realPath().orElse(null); // do not retry a broken directory every interval
        } catch (RuntimeException e) {
            log.warn("Model check failed, still serving {}", servedVersion, e);
        }
    }

    private java.util.Optional<Path> realPath() {
        try {
            return Files.exists(modelPath) ? java.util.Optional.of(modelPath.toRealPath()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
