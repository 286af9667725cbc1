package dev.chatbot.transcript;

/**
 * Receives live events from a {@link TranscriptStore} subscription. Called on a store-owned thread, one
 * event at a time and in log order per conversation; it must return quickly and must not block (hand the
 * work to another thread, as the web layer does when bridging to SSE). Exceptions are logged and ignored.
 */
@FunctionalInterface
public interface EventListener {

    void onEvent(StoredEvent event);
}
