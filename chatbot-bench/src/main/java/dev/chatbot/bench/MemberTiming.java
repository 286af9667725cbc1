package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import java.nio.file.Path;
import java.util.List;

/** Where classification time goes: encoding versus each model family (median microseconds, after warm-up). */
public final class MemberTiming {

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelIo.load(Path.of(args[0]));
        List<String> texts = CsvExamples.read(Path.of(args[1])).examples().stream()
                .map(Example::text)
                .toList();
        var c = model.classifier();
        List<EncodedText> encoded = texts.stream().map(c::encode).toList();
        long[] enc = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long t = System.nanoTime();
            c.encode(texts.get(i));
            enc[i] = (System.nanoTime() - t) / 1000;
        }
        System.out.println("encode (pipeline + embedding): median " + median(enc) + " us");
        for (ProbabilityModel m : c.members()) {
            for (EncodedText e : encoded) {
                m.probabilities(e);
            }
            long[] ts = new long[encoded.size()];
            for (int i = 0; i < encoded.size(); i++) {
                long t = System.nanoTime();
                m.probabilities(encoded.get(i));
                ts[i] = (System.nanoTime() - t) / 1000;
            }
            System.out.println(m.family() + ": median " + median(ts) + " us");
        }
        System.exit(0);
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
