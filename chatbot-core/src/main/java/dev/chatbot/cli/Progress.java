package dev.chatbot.cli;

import dev.chatbot.intent.TrainingProgress;
import java.io.PrintStream;

/** Prints progress lines with the elapsed time, so long work visibly moves. */
final class Progress implements TrainingProgress {

    private final PrintStream out;
    private final long start = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(String message) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
        out.flush();
    }
}
