package dev.chatbot.intent.embedding;

import java.util.List;

/**
 * A pretrained sentence encoder: maps a text to a fixed-size, L2-normalised vector so that texts with
 * similar meaning lie close together.
 *
 * <p>Implementations load their weights at construction (which may take a second or more) and are then
 * thread-safe; {@link #encode(String)} is CPU-bound (milliseconds) and must not run on an event loop.
 * Any string is valid input; an empty string yields the encoding of the empty sentence. Texts longer than
 * the encoder's window are encoded in windows and averaged.
 */
public interface SentenceEncoder extends AutoCloseable {

    float[] encode(String text);

    /** Encodes many texts, using up to {@code threads} threads; results keep input order. */
    List<float[]> encodeAll(List<String> texts, int threads);

    int dimension();

    /** Identifies the encoder and its weights, e.g. {@code all-MiniLM-L6-v2-q}; stored in model manifests. */
    String name();

    @Override
    void close();
}
