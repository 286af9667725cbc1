package dev.chatbot.model;

import java.util.function.Consumer;

/**
 * Tells every running server that a model version was promoted, so each one loads it without a restart.
 * Adapter: {@code model.redis} (a pub/sub channel every instance subscribes to). With the embedded store there
 * is one server on the machine and it watches the {@code current} link instead (see {@link CurrentModelWatcher}).
 *
 * <p>Notices are best-effort: a server that misses one still finds the new model at its next check of the
 * {@code current} link. Implementations are thread-safe; listeners run on an adapter thread and must return
 * quickly. {@code null} arguments throw {@link NullPointerException}.
 */
public interface PromotionNotices extends AutoCloseable {

    /** Tells the listeners of every instance that {@code version} is now current. */
    void announce(String version);

    /**
     * Calls {@code onPromoted} with each announced version until the returned handle is closed. Returns once
     * the subscription is confirmed, so no later announcement is missed.
     */
    AutoCloseable listen(Consumer<String> onPromoted);

    @Override
    void close();
}
