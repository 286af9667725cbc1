package dev.chatbot.intent.opennlp;

import dev.chatbot.intent.TextPipeline;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import opennlp.tools.stemmer.PorterStemmer;
import opennlp.tools.tokenize.SimpleTokenizer;

/** OpenNLP text pipeline: Unicode folding, placeholders, {@link SimpleTokenizer}, optional Porter stemming. */
public final class OpenNlpTextPipeline implements TextPipeline {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final boolean stem;

    public OpenNlpTextPipeline(boolean stem) {
        this.stem = stem;
    }

    @Override
    public String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = URL.matcher(s).replaceAll(" urltoken ");
        s = EMAIL.matcher(s).replaceAll(" emailtoken ");
        s = NUMBER.matcher(s).replaceAll(" 0 ");
        s = REPEATS.matcher(s).replaceAll("$1$1");
        s = s.replace('\u2019', '\'').replace('`', '\'');
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    @Override
    public List<String> tokens(String text) {
        String[] raw = SimpleTokenizer.INSTANCE.tokenize(normalise(text));
        List<String> out = new ArrayList<>(raw.length);
        PorterStemmer stemmer = stem ? new PorterStemmer() : null;
        for (String token : raw) {
            if (!isWordLike(token)) {
                continue;
            }
            out.add(stemmer == null ? token : stemmer.stem(token));
        }
        return out;
    }

    @Override
    public String describe() {
        return "opennlp-simple-tokenizer" + (stem ? "+porter" : "");
    }

    private static boolean isWordLike(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetterOrDigit(token.charAt(i))) {
                return true;
            }
        }
        return token.equals("?") || token.equals("!");
    }
}
