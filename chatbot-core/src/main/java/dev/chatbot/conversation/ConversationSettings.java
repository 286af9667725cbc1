package dev.chatbot.conversation;

/**
 * What the customer is told around a handoff, and input limits.
 *
 * @param escalationMessage told on escalation when the intent has no answer of its own (the FAQ answers of
 *                          {@code human_request} and always-human intents are used for those)
 * @param waitingMessage told for each message while the conversation waits in the queue; blank for silence
 * @param clarificationPrompt the question above a clarifying choice
 * @param maxMessageLength longest accepted message in characters; longer ones are refused, never cut
 *                         (default 2,000)
 */
public record ConversationSettings(String escalationMessage, String waitingMessage, String clarificationPrompt,
                                   int maxMessageLength) {

    public ConversationSettings {
        if (escalationMessage == null || escalationMessage.isBlank()) {
            throw new IllegalArgumentException("escalationMessage must not be blank");
        }
        waitingMessage = waitingMessage == null ? "" : waitingMessage.strip();
        if (clarificationPrompt == null || clarificationPrompt.isBlank()) {
            throw new IllegalArgumentException("clarificationPrompt must not be blank");
        }
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be positive");
        }
    }

    public static ConversationSettings defaults() {
        return new ConversationSettings(
                "I'm passing you to a member of our team. Please stay in this chat; someone will reply here shortly.",
                "Thanks, a member of our team will be with you shortly.",
                "I'm not quite sure what you mean. Did you mean one of these?",
                2_000);
    }
}
