package dev.chatbot.intent;

/** Receives progress of long-running work (loading, epochs, evaluation) so users see it move. */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress SILENT = message -> {};

    void report(String message);
}
