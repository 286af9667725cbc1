package dev.chatbot.web.metrics;

import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** An {@link IntentClassifier} that records each classification's latency. */
public final class TimedIntentClassifier implements IntentClassifier {

    private final IntentClassifier delegate;
    private final Timer timer;

    public TimedIntentClassifier(IntentClassifier delegate, Timer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public IntentPrediction classify(String message) {
        return timer.record(() -> delegate.classify(message));
    }

    @Override
    public List<IntentName> labels() {
        return delegate.labels();
    }

    @Override
    public String version() {
        return delegate.version();
    }
}
