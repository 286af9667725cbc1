package dev.chatbot.redaction;

/**
 * Finds national ID numbers that contain letters, at word starts, each try reading at most 13 chars (linear
 * time): the UK National Insurance number ({@code AB 12 34 56 C}: a valid two-letter prefix, six digits, a suffix
 * A-D), the Spanish DNI ({@code 12345678Z}) and NIE ({@code X1234567L}), both with their check letter.
 */
final class LetteredIds {

    private static final String NINO_FIRST_NOT = "DFIQUV";
    private static final String NINO_SECOND_NOT = "DFIOQUV";
    private static final java.util.Set<String> NINO_PREFIX_NOT =
            java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    private LetteredIds() {}

    static void scan(NormalizedText s, Spans spans) {
        int n = s.length();
        for (int p = 0; p < n; p++) {
            if (!Character.isLetterOrDigit(s.at(p)) || (p > 0 && Character.isLetterOrDigit(s.at(p - 1)))) {
                continue;
            }
            int end = nino(s, p);
            if (end < 0) {
                end = dniOrNie(s, p);
            }
            if (end > 0) {
                spans.offer(PersonalData.NATIONAL_ID, p, end);
            }
        }
    }

    /** End of a National Insurance number starting at {@code p}, or -1. */
    private static int nino(NormalizedText s, int p) {
        int n = s.length();
        if (p + 9 > n) {
            return -1;
        }
        char a = Character.toUpperCase(s.at(p));
        char b = Character.toUpperCase(s.at(p + 1));
        if (!upper(a)
                || !upper(b)
                || NINO_FIRST_NOT.indexOf(a) >= 0
                || NINO_SECOND_NOT.indexOf(b) >= 0
                || NINO_PREFIX_NOT.contains("" + a + b)) {
            return -1;
        }
        int q = p + 2;
        for (int pair = 0; pair < 3; pair++) {
            if (q < n && s.at(q) == ' ') {
                q++;
            }
            if (q + 2 > n || !digit(s.at(q)) || !digit(s.at(q + 1))) {
                return -1;
            }
            q += 2;
        }
        if (q < n && s.at(q) == ' ') {
            q++;
        }
        if (q >= n) {
            return -1;
        }
        char suffix = Character.toUpperCase(s.at(q));
        return suffix >= 'A' && suffix <= 'D' && wordEnd(s, q + 1) ? q + 1 : -1;
    }

    /** End of a DNI (8 digits, letter) or NIE (X, Y or Z, 7 digits, letter) starting at {@code p}, or -1. */
    private static int dniOrNie(NormalizedText s, int p) {
        int n = s.length();
        int q = p;
        int number = 0;
        char first = Character.toUpperCase(s.at(p));
        if (first == 'X' || first == 'Y' || first == 'Z') {
            number = first - 'X';
            q++;
            if (q < n && s.at(q) == '-') {
                q++;
            }
        } else if (!digit(first)) {
            return -1;
        }
        int digits = first >= 'X' ? 7 : 8;
        for (int k = 0; k < digits; k++, q++) {
            if (q >= n || !digit(s.at(q))) {
                return -1;
            }
            number = number * 10 + (s.at(q) - '0');
        }
        boolean spaced = q < n && s.at(q) == ' ';
        if (q < n && (s.at(q) == '-' || spaced)) {
            q++;
        }
        if (q >= n
                || Character.toUpperCase(s.at(q)) != Checksums.dniLetter(number)
                || !wordEnd(s, q + 1)
                || (spaced && !upper(s.at(q)))) { // "12345678 a" is more likely a number and a word
            return -1;
        }
        return q + 1;
    }

    private static boolean wordEnd(NormalizedText s, int index) {
        return index >= s.length() || !Character.isLetterOrDigit(s.at(index));
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
