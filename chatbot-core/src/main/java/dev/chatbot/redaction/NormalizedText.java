package dev.chatbot.redaction;

import java.text.Normalizer;

/**
 * A text prepared for the scanners: each code point in its NFKC form (full-width and other compatibility
 * characters become plain ones, so {@code ４１１１} reads as {@code 4111} and a no-break space as a space), every
 * decimal digit of any script folded to {@code 0-9}, and invisible format characters (zero-width spaces, soft
 * hyphens) dropped. Each normalised char remembers the span of the original code point it came from, so a
 * finding is reported in the original's coordinates and the rest of the text is kept exactly as written.
 * Also counts the scanners' steps (a test checks they grow linearly with the length). Not thread-safe: one per
 * search.
 */
final class NormalizedText {

    final String text;
    private final int[] originalStart;
    private final int[] originalEnd;
    /** Chars the scanners looked at; see {@link Redactor#steps}. */
    long steps;

    private NormalizedText(String text, int[] originalStart, int[] originalEnd) {
        this.text = text;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    static NormalizedText of(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] start = new int[original.length() + 8];
        int[] end = new int[original.length() + 8];
        int i = 0;
        int mapped = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (Character.isDigit(cp)) {
                out.append((char) ('0' + Character.digit(cp, 10)));
            } else if (Character.getType(cp) != Character.FORMAT) {
                String nfkc = Normalizer.normalize(original.substring(i, next), Normalizer.Form.NFKC);
                for (int k = 0; k < nfkc.length(); k++) {
                    char c = nfkc.charAt(k);
                    out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
                }
            }
            if (out.length() > start.length) {
                start = java.util.Arrays.copyOf(start, out.length() * 2);
                end = java.util.Arrays.copyOf(end, out.length() * 2);
            }
            for (int k = mapped; k < out.length(); k++) {
                start[k] = i;
                end[k] = next;
            }
            mapped = out.length();
            i = next;
        }
        return new NormalizedText(out.toString(), start, end);
    }

    int length() {
        return text.length();
    }

    char at(int index) {
        steps++;
        return text.charAt(index);
    }

    /** The original span of the normalised span {@code [from, to)}. */
    Finding finding(PersonalData kind, int from, int to) {
        return new Finding(kind, originalStart[from], originalEnd[to - 1]);
    }
}
