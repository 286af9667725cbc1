package dev.chatbot.transcript;

/**
 * An append was refused because the conversation's log had moved on since the caller read it (another
 * thread or server instance appended first). Re-read the state and decide again.
 */
public class ConcurrentAppendException extends RuntimeException {

    private final ConversationId conversationId;
    private final long expected;
    private final long actual;

    public ConcurrentAppendException(ConversationId conversationId, long expected, long actual) {
        super("conversation " + conversationId + " is at sequence " + actual + ", expected " + expected);
        this.conversationId = conversationId;
        this.expected = expected;
        this.actual = actual;
    }

    public ConversationId conversationId() {
        return conversationId;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
