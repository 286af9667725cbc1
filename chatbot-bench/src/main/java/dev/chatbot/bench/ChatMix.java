package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The chat traffic of the service benchmarks, drawn from a labelled CSV (normally {@code training-data/test.csv}):
 * 60% FAQ questions, 15% small talk, 15% out-of-scope questions, 10% asking for a person. Out-of-scope and
 * escalation messages end their conversation. Thread-safe; the sequence is fixed by the seed.
 */
final class ChatMix {

    private static final Set<String> SMALL_TALK = Set.of("greeting", "thanks", "goodbye", "bot_identity");

    /** What one chat request sends; {@code ends} retires the conversation afterwards. */
    record Message(String kind, String text, boolean ends) {}

    final List<String> faq = new ArrayList<>();
    final List<String> smallTalk = new ArrayList<>();
    final List<String> outOfScope = new ArrayList<>();
    final List<String> escalation = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(7);

    ChatMix(Path csv) throws Exception {
        for (Example e : CsvExamples.read(csv).examples()) {
            String intent = e.intent().value();
            if (intent.equals("out_of_scope")) {
                outOfScope.add(e.text());
            } else if (intent.equals("human_request")) {
                escalation.add(e.text());
            } else if (SMALL_TALK.contains(intent)) {
                smallTalk.add(e.text());
            } else {
                faq.add(e.text());
            }
        }
    }

    synchronized Message next() {
        int p = random.nextInt(100);
        if (p < 60) {
            return new Message("faq", pick(faq), false);
        } else if (p < 75) {
            return new Message("smalltalk", pick(smallTalk), false);
        } else if (p < 90) {
            return new Message("out_of_scope", pick(outOfScope), true);
        }
        return new Message("escalation", pick(escalation), true);
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }
}
