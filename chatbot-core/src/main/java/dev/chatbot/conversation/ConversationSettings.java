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
 * @param outOfHoursMessage told instead of {@code escalationMessage} when the team is out (opening hours);
 *                          {@code {next}} is replaced by when it is back
 * @param closedMessage told instead when the schedule has no next opening
 */
public record ConversationSettings(
        String escalationMessage,
        String waitingMessage,
        String clarificationPrompt,
        int maxMessageLength,
        String outOfHoursMessage,
        String closedMessage) {

    public static final String DEFAULT_OUT_OF_HOURS = "Our team is away right now and back on {next}. I can still "
            + "answer questions here. If you need a person, leave your message and how to reach you in this chat: "
            + "you are first in line when we are back, and we will reply here.";
    public static final String DEFAULT_CLOSED = "Our team is away and no opening is scheduled yet. Leave your message "
            + "and how to reach you in this chat, and we will reply here as soon as we can.";

    public ConversationSettings(
            String escalationMessage, String waitingMessage, String clarificationPrompt, int maxMessageLength) {
        this(
                escalationMessage,
                waitingMessage,
                clarificationPrompt,
                maxMessageLength,
                DEFAULT_OUT_OF_HOURS,
                DEFAULT_CLOSED);
    }

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
        outOfHoursMessage = outOfHoursMessage == null || outOfHoursMessage.isBlank()
                ? DEFAULT_OUT_OF_HOURS
                : outOfHoursMessage.strip();
        closedMessage = closedMessage == null || closedMessage.isBlank() ? DEFAULT_CLOSED : closedMessage.strip();
    }

    public static ConversationSettings defaults() {
        return new ConversationSettings(
                "I'm passing you to a member of our team. Please stay in this chat; someone will reply here shortly.",
                "Thanks, a member of our team will be with you shortly.",
                "I'm not quite sure what you mean. Did you mean one of these?",
                2_000);
    }

    /** The same settings with other out-of-hours texts (blank: the defaults). */
    public ConversationSettings withOutOfHours(String outOfHours, String closed) {
        return new ConversationSettings(
                escalationMessage, waitingMessage, clarificationPrompt, maxMessageLength, outOfHours, closed);
    }
}
