package dev.chatbot.training;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.TextPipeline;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.embedding.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;

/** Encodes many messages for training or evaluation: pipeline tokens plus embeddings, with progress. */
public final class TextEncoding {

    private static final int CHUNK = 1000;

    private final TextPipeline pipeline;
    private final SentenceEncoder encoder;
    private final int threads;

    /** @param encoder the sentence encoder, or {@code null} for n-gram-only models */
    public TextEncoding(TextPipeline pipeline, SentenceEncoder encoder, int threads) {
        this.pipeline = pipeline;
        this.encoder = encoder;
        this.threads = threads;
    }

    public List<EncodedText> encodeAll(List<String> texts, TrainingProgress progress) {
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += CHUNK) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + CHUNK));
            List<float[]> embeddings = encoder == null
                    ? null
                    : encoder.encodeAll(chunk.stream().map(String::strip).toList(), threads);
            for (int i = 0; i < chunk.size(); i++) {
                String text = chunk.get(i);
                out.add(new EncodedText(
                        pipeline.normalise(text),
                        pipeline.tokens(text),
                        embeddings == null ? new float[0] : embeddings.get(i)));
            }
            progress.report("encoding: " + out.size() + "/" + texts.size() + " messages");
        }
        return out;
    }
}
