package dev.chatbot.redaction;

/**
 * Finds e-mail addresses: around each {@code @}, the local part (letters, digits, {@code . _ % + -}) to its left
 * and a domain of at least two labels, the last one of two or more letters, to its right. Neither side can hold an
 * {@code @}, so no char is scanned for more than the two addresses either side of it: linear time.
 */
final class Emails {

    private Emails() {}

    static void scan(NormalizedText s, Spans spans) {
        int n = s.length();
        for (int at = 0; at < n; at++) {
            if (s.at(at) != '@') {
                continue;
            }
            int from = at;
            while (from > 0 && localChar(s.at(from - 1))) {
                from--;
            }
            while (from < at && s.at(from) == '.') {
                from++;
            }
            if (from == at) {
                continue;
            }
            int to = at + 1;
            int lastDot = -1;
            while (to < n && domainChar(s.at(to))) {
                if (s.at(to) == '.') {
                    lastDot = to;
                }
                to++;
            }
            while (to > at + 1 && (s.at(to - 1) == '.' || s.at(to - 1) == '-')) { // sentence end, not the domain
                to--;
            }
            if (lastDot >= to - 1) {
                lastDot = lastIndexOf(s, '.', at + 1, to);
            }
            if (lastDot > at + 1 && to - lastDot - 1 >= 2 && letters(s, lastDot + 1, to)) {
                spans.offer(PersonalData.EMAIL_ADDRESS, from, to);
            }
        }
    }

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean domainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    private static int lastIndexOf(NormalizedText s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.at(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean letters(NormalizedText s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(s.at(i))) {
                return false;
            }
        }
        return true;
    }
}
