package dev.chatbot.intent;

import java.util.List;

/**
 * One message as every model family sees it: the normalised text, its tokens and, when the model uses
 * one, its sentence embedding. Computed once per message and shared by all members of an ensemble.
 *
 * @param embedding the sentence embedding, or an empty array when the model uses no encoder
 */
public record EncodedText(String normalised, List<String> tokens, float[] embedding) {

    public EncodedText {
        tokens = List.copyOf(tokens);
        embedding = embedding == null ? new float[0] : embedding;
    }
}
