package dev.chatbot.cli;

/** Bad command-line arguments; the message says what was wrong. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
