package dev.chatbot.intent;

/**
 * What one model family says about a message.
 *
 * @param probabilities one probability per intent of the family's label set, summing to 1
 * @param neighbourhood per intent, the mean cosine similarity of the message to that intent's closest training
 *     examples (its density around the message), or {@code null} when the family keeps no examples
 * @param distance how far the message lies from the intents in the family's own representation: the relative
 *     Mahalanobis distance to the nearest intent (distance to it minus distance to all training data; lower is
 *     closer), or {@code NaN} when the family has no such representation
 */
public record MemberScores(double[] probabilities, double[] neighbourhood, double distance) {

    public MemberScores(double[] probabilities, double[] neighbourhood) {
        this(probabilities, neighbourhood, Double.NaN);
    }
}
