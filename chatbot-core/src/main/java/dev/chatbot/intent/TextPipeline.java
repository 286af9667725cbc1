package dev.chatbot.intent;

import java.util.List;

/**
 * Turns a raw customer message into the normalised form and tokens that every model family sees.
 *
 * <p>Normalisation is deterministic and language-aware only as far as the implementation says: it folds
 * case and Unicode compatibility forms, replaces numbers, e-mail addresses and links with placeholders,
 * and drops punctuation. Any string, including empty and very long ones, is valid input. Implementations
 * are stateless and thread-safe.
 */
public interface TextPipeline {

    /** The normalised text: lower case, placeholders for numbers/links, single spaces. */
    String normalise(String text);

    /** Word tokens of the normalised text, in order, optionally stemmed. */
    List<String> tokens(String text);

    /** A short description for model manifests, e.g. {@code opennlp-simple-tokenizer+porter}. */
    String describe();
}
