package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.intent.opennlp.OpenNlpLanguageDetector;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.LanguageRouting;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What detecting a message's language adds to classifying it: the shipped model ({@code models/current}) classifies
 * the held-out messages of {@code training-data/test.csv} in turn, without ({@code classify}, the same-run baseline)
 * and through the service's entry point, which detects the language first and classifies with that language's model
 * ({@code detectThenClassify}, {@link LanguageRouting}); {@code detect} is the detector alone. Sample time,
 * so JMH reports percentiles (p50, p99). Run from the repository root: {@code scripts/bench.sh languages}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LanguageDetectionBenchmark {

    private IntentClassifier classifier;
    private FaqModel served;
    private LanguageRouting routing;
    private OpenNlpLanguageDetector detector;
    private List<String> texts;
    private int next;

    @Setup
    public void setUp() throws Exception {
        LoadedModel loaded = ModelIo.load(Path.of("models/current"));
        classifier = loaded.classifier();
        served = loaded.model();
        detector = OpenNlpLanguageDetector.load(
                OpenNlpLanguageDetector.DEFAULT_MIN_LENGTH, OpenNlpLanguageDetector.DEFAULT_MIN_RATIO);
        routing = new LanguageRouting(new LanguageDetector.Languages(detector, "en", Set.of("en")));
        texts = CsvExamples.read(Path.of("training-data/test.csv")).examples().stream()
                .map(Example::text)
                .toList();
    }

    private String nextText() {
        String text = texts.get(next);
        next = (next + 1) % texts.size();
        return text;
    }

    @Benchmark
    public IntentPrediction classify() {
        return classifier.classify(nextText());
    }

    @Benchmark
    public LanguageRouting.Routed detectThenClassify() {
        return routing.classify(served, nextText());
    }

    @Benchmark
    public Optional<String> detect() {
        return detector.detect(nextText());
    }
}
