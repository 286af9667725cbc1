package dev.chatbot.transcript;

/** A live-event subscription; {@link #close()} stops delivery and is idempotent. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
