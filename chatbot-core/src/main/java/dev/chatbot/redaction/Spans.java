package dev.chatbot.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Findings of the scanners in the normalised text, first come first kept: a span that overlaps one found before
 * (by a scanner that runs earlier) is dropped, so each char belongs to at most one finding.
 */
final class Spans {

    private final NormalizedText text;
    private final Set<PersonalData> wanted;
    private final boolean[] taken;
    private final List<Finding> found = new ArrayList<>();

    Spans(NormalizedText text, Set<PersonalData> wanted) {
        this.text = text;
        this.wanted = wanted;
        this.taken = new boolean[text.length()];
    }

    boolean wants(PersonalData kind) {
        return wanted.contains(kind);
    }

    /** Offers the normalised span {@code [from, to)}; true if it was kept. */
    boolean offer(PersonalData kind, int from, int to) {
        if (!wanted.contains(kind)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (taken[i]) {
                return false;
            }
        }
        for (int i = from; i < to; i++) {
            taken[i] = true;
        }
        found.add(text.finding(kind, from, to));
        return true;
    }

    /** Whether the normalised char at {@code index} belongs to a finding already. */
    boolean taken(int index) {
        return taken[index];
    }

    /** The findings in the original text's coordinates, in order, overlaps (from one code point) merged. */
    List<Finding> findings() {
        found.sort(Comparator.comparingInt(Finding::start));
        List<Finding> out = new ArrayList<>(found.size());
        for (Finding f : found) {
            Finding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && f.start() < last.end()) {
                out.set(out.size() - 1, new Finding(last.kind(), last.start(), Math.max(last.end(), f.end())));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
