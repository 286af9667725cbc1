package dev.chatbot.intent;

/**
 * What one model family says about a message.
 *
 * @param probabilities one probability per intent of the family's label set, summing to 1
 * @param neighbourhood per intent, the mean cosine similarity of the message to that intent's closest training
 *     examples (its density around the message), or {@code null} when the family keeps no examples
 */
public record MemberScores(double[] probabilities, double[] neighbourhood) {
}
