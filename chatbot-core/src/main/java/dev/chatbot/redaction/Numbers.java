package dev.chatbot.redaction;

import java.util.Set;

/**
 * Finds card numbers, numeric national IDs and phone numbers in runs of digit groups ({@link NumberRun}). Each run
 * is read once and then looked at group by group from the left; every check reads a bounded number of groups (a
 * card at most 19 digits, a phone at most 15), so the whole scan is linear in the text. At each group, in order:
 * <ol>
 *   <li>a date ({@code 01.03.2025}, {@code 3/1/25}, {@code 2025-03-01}) is kept and skipped;</li>
 *   <li>a card: 13-19 digits from here, in one group or in groups split by the same single space or dash, passing
 *       Luhn (the longest such wins, so a card followed by a CVV group is still found);</li>
 *   <li>a US social security number ({@code 123-45-6789}) or a French one (15 digits with a valid key);</li>
 *   <li>a phone number: after {@code +} or {@code 00}, with an area code in brackets, with a leading 0, or in
 *       US 3-3-4 groups; as many groups as fit in 15 digits, at least the configured minimum. A number right after
 *       "order", "invoice", "ticket", "#" and the like is a reference, not a phone number.</li>
 * </ol>
 *
 * <p>Over 250 lines: every kind of number is checked on the same run of digit groups, in the order above.
 */
final class Numbers {

    private static final Set<String> REFERENCE_WORDS = Set.of(
            "order",
            "invoice",
            "ticket",
            "tracking",
            "reference",
            "ref",
            "case",
            "parcel",
            "booking",
            "receipt",
            "item",
            "article",
            "sku",
            "serial",
            "shipment",
            "customer",
            "bestellung",
            "bestellnummer",
            "rechnung",
            "auftrag",
            "sendung",
            "kundennummer",
            "commande",
            "facture");
    private static final Set<String> NUMBER_WORDS = Set.of("no", "nr", "number", "num", "id", "code");

    private Numbers() {}

    static void scan(NormalizedText s, Spans spans, int minPhoneDigits) {
        int n = s.length();
        NumberRun run = new NumberRun();
        int p = 0;
        while (p < n) {
            char c = s.at(p);
            if (Character.isLetter(c)) { // a word: digits inside it ("4th", "A380", a product code) are no number
                p++;
                while (p < n && Character.isLetterOrDigit(s.at(p))) {
                    p++;
                }
                continue;
            }
            boolean prefixed = (c == '+' || c == '(') && p + 1 < n && NumberRun.digit(s.at(p + 1));
            if (!NumberRun.digit(c) && !prefixed) {
                p++;
                continue;
            }
            int end = run.read(s, p);
            look(s, run, spans, minPhoneDigits);
            p = Math.max(end, p + 1);
        }
    }

    private static void look(NormalizedText s, NumberRun run, Spans spans, int minPhoneDigits) {
        int i = 0;
        int boundary = 0; // a phone number starts a run, or follows a date, card or ID in it: not inside a number
        while (i < run.groups) {
            int next = date(run, i);
            if (next < 0) {
                next = card(run, i, spans);
            }
            if (next < 0 && spans.wants(PersonalData.NATIONAL_ID)) {
                next = nationalId(run, i, spans);
            }
            if (next < 0 && i == boundary) {
                next = phone(s, run, i, spans, minPhoneDigits);
            }
            if (next < 0) {
                i++;
            } else {
                i = next;
                boundary = next;
            }
        }
    }

    /** After a date at group {@code i}, the group that follows it; else -1. */
    private static int date(NumberRun run, int i) {
        if (i + 2 >= run.groups || (i == 0 && run.prefix == '+')) {
            return -1;
        }
        char sep = run.separator(i + 1);
        if ((sep != '.' && sep != '/' && sep != '-')
                || run.separator(i + 2) != sep
                || (i + 3 < run.groups && run.separator(i + 3) == sep)) { // 01.23.45.67.89 is a phone
            return -1;
        }
        int la = run.length(i);
        int lb = run.length(i + 1);
        int lc = run.length(i + 2);
        int a = la <= 4 ? run.value(i) : -1;
        int b = lb <= 2 ? run.value(i + 1) : -1;
        int c = lc <= 4 ? run.value(i + 2) : -1;
        boolean dayMonthYear = la <= 2
                && lb <= 2
                && (lc == 2 || lc == 4)
                && a >= 1
                && b >= 1
                && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
        boolean yearMonthDay = la == 4 && lb <= 2 && lc <= 2 && b >= 1 && b <= 12 && c >= 1 && c <= 31;
        return dayMonthYear || yearMonthDay ? i + 3 : -1;
    }

    private static int card(NumberRun run, int i, Spans spans) {
        if ((i == 0 && run.prefix == '+') || run.digitAt(i, 0) == '0' || !spans.wants(PersonalData.CARD_NUMBER)) {
            return -1;
        }
        StringBuilder digits = new StringBuilder(19);
        char sep = 0;
        int best = -1;
        for (int j = i; j < run.groups; j++) {
            if (j > i) {
                char here = run.separator(j);
                if ((here != ' ' && here != '-') || (sep != 0 && here != sep)) {
                    break;
                }
                sep = here;
            }
            if (digits.length() + run.length(j) > 19) {
                break;
            }
            for (int k = 0; k < run.length(j); k++) {
                digits.append(run.digitAt(j, k));
            }
            if (digits.length() >= 13 && Checksums.luhn(digits)) {
                best = j;
            }
        }
        return best >= 0 && spans.offer(PersonalData.CARD_NUMBER, run.start(i), run.end(best)) ? best + 1 : -1;
    }

    private static int nationalId(NumberRun run, int i, Spans spans) {
        if (i == 0 && run.prefix == '+') {
            return -1;
        }
        if (i + 2 < run.groups && run.length(i) == 3 && run.length(i + 1) == 2 && run.length(i + 2) == 4) {
            char sep = run.separator(i + 1);
            if ((sep == '-' || sep == ' ')
                    && run.separator(i + 2) == sep
                    && !(i + 3 < run.groups && run.separator(i + 3) == sep)
                    && Checksums.ssn(run.value(i), run.value(i + 1), run.value(i + 2))
                    && spans.offer(PersonalData.NATIONAL_ID, run.start(i), run.end(i + 2))) {
                return i + 3;
            }
        }
        StringBuilder digits = new StringBuilder(15);
        for (int j = i; j < run.groups && digits.length() + run.length(j) <= 15; j++) {
            if (j > i && run.separator(j) != ' ') {
                break;
            }
            for (int k = 0; k < run.length(j); k++) {
                digits.append(run.digitAt(j, k));
            }
            if (digits.length() == 15
                    && Checksums.nir(digits)
                    && spans.offer(PersonalData.NATIONAL_ID, run.start(i), run.end(j))) {
                return j + 1;
            }
        }
        return -1;
    }

    private static int phone(NormalizedText s, NumberRun run, int i, Spans spans, int minDigits) {
        boolean plus = i == 0 && run.prefix == '+';
        int bracket = i == 0 ? (run.prefix == '(' ? run.start : -1) : run.openingBracketBefore(i);
        boolean zeros = !plus
                && run.length(i) >= 3
                && run.digitAt(i, 0) == '0'
                && run.digitAt(i, 1) == '0'
                && run.digitAt(i, 2) != '0'; // 0049: the international prefix, not part of the number
        boolean national = run.digitAt(i, 0) == '0';
        char usSep = i + 2 < run.groups ? run.separator(i + 1) : 0;
        boolean us = (usSep == '-' || usSep == '.' || usSep == ' ')
                && run.separator(i + 2) == usSep
                && run.length(i) == 3
                && run.length(i + 1) == 3
                && run.length(i + 2) == 4
                && run.digitAt(i, 0) >= '2';
        if (!plus && bracket < 0 && !national && !us) {
            return -1;
        }
        int last = i - 1;
        int digits = 0;
        if (us && !plus && bracket < 0 && !national) {
            last = i + 2;
            digits = 10;
        } else {
            for (int j = i; j < run.groups; j++) {
                int add = run.length(j) - (j == i && zeros ? 2 : 0);
                if (digits + add > 15) {
                    break;
                }
                digits += add;
                last = j;
            }
        }
        if (last >= i && last == run.groups - 1 && run.followedByLetter) { // 0800abc: not a number on its own
            digits -= run.length(last);
            last--;
        }
        if (last < i || digits < minDigits || (i == 0 && !plus && bracket < 0 && reference(s, run.start))) {
            return -1;
        }
        int from = plus ? run.start : bracket >= 0 ? bracket : run.start(i);
        return spans.offer(PersonalData.PHONE_NUMBER, from, run.end(last)) ? last + 1 : -1;
    }

    /** Whether the number starting at {@code p} follows "order", "invoice no.", "#" or the like. */
    private static boolean reference(NormalizedText s, int p) {
        int q = p - 1;
        for (int word = 0; word < 2; word++) {
            int gap = 0;
            while (q >= 0 && gap < 4 && " :.-#".indexOf(s.at(q)) >= 0) {
                if (s.at(q) == '#') {
                    return true;
                }
                q--;
                gap++;
            }
            int end = q + 1;
            while (q >= 0 && end - q <= 20 && Character.isLetter(s.at(q))) {
                q--;
            }
            String w = s.text.substring(q + 1, end).toLowerCase(java.util.Locale.ROOT);
            if (REFERENCE_WORDS.contains(w)) {
                return true;
            }
            if (!NUMBER_WORDS.contains(w)) {
                return false;
            }
        }
        return false;
    }
}
