package dev.chatbot.intent.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs each ND4J operation on its caller's thread. Our matrices are small and the callers already run in
 * parallel (request threads, or the other model family training beside this one); ND4J's own OpenMP pool
 * on top of that oversubscribes the cores and made element-wise work five times slower in measurements.
 */
final class NativeThreads {

    private static volatile boolean limited;

    private NativeThreads() {}

    static void limit() {
        if (!limited) {
            synchronized (NativeThreads.class) {
                if (!limited) {
                    Nd4j.getEnvironment().setMaxThreads(1);
                    Nd4j.getEnvironment().setMaxMasterThreads(1);
                    limited = true;
                }
            }
        }
    }
}
