package dev.chatbot.redaction;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigInteger;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of valid and almost-valid personal data, written the ways customers write them. */
final class Generated {

    private static final List<String> IBAN_COUNTRIES =
            List.of("DE22", "GB22", "FR27", "NL18", "AT20", "CH21", "ES24", "IT27", "BE16", "NO15", "PL28", "IE22");

    private Generated() {}

    private static Gen<String> digits(int count) {
        return lists().of(integers().between(0, 9))
                .ofSize(count)
                .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
    }

    /** 13-19 digit Luhn-valid numbers not starting with 0: plain, or in groups of 4 split by spaces or dashes. */
    static Gen<String> cards() {
        return cards(19);
    }

    private static Gen<String> cards(int maxDigits) {
        return integers()
                .between(13, maxDigits)
                .flatMap(length -> digits(length - 1))
                .zip(integers().between(1, 9), integers().between(0, 2), (body, first, style) -> {
                    String partial = first + body.substring(1);
                    return group(partial + luhnDigit(partial), style);
                });
    }

    /**
     * Like {@link #cards()} but with the wrong check digit, and of 13-16 digits: in a longer grouped number a
     * Luhn-valid tail of 13 or more digits would rightly count as a card.
     */
    static Gen<String> notCards() {
        return cards(16).map(card -> {
            char last = card.charAt(card.length() - 1);
            return card.substring(0, card.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
        });
    }

    static Gen<String> ibans() {
        return Generate.pick(IBAN_COUNTRIES)
                .flatMap(c -> digits(Integer.parseInt(c.substring(2)) - 4)
                        .zip(Generate.booleans(), Generate.booleans(), (bban, spaced, lower) -> {
                            String country = c.substring(0, 2);
                            String numeric =
                                    bban + (country.charAt(0) - 'A' + 10) + (country.charAt(1) - 'A' + 10) + "00";
                            int check = 98
                                    - new BigInteger(numeric)
                                            .mod(BigInteger.valueOf(97))
                                            .intValue();
                            String iban = country + String.format("%02d", check) + bban;
                            iban = lower ? iban.toLowerCase(java.util.Locale.ROOT) : iban;
                            return spaced ? iban.replaceAll("(.{4})(?!$)", "$1 ") : iban;
                        }));
    }

    static Gen<String> emails() {
        Gen<String> local = lists().of(Generate.pick(List.of("a", "b", "z", "0", "7", ".", "_", "+", "-", "jane")))
                .ofSizeBetween(0, 12)
                .map(l -> "j" + String.join("", l).replace("..", "."));
        Gen<String> label = lists().of(Generate.pick(List.of("a", "x", "9", "-", "shop")))
                .ofSizeBetween(0, 8)
                .map(l -> "m" + String.join("", l) + "q");
        Gen<String> tld = Generate.pick(List.of("de", "com", "co.uk", "io", "example"));
        return local.zip(label, tld, (l, d, t) -> (l.endsWith(".") ? l + "x" : l) + "@" + d + "." + t);
    }

    /** International, national and US-style phone numbers of 7 to 15 digits. */
    static Gen<String> phones() {
        return integers()
                .between(7, 13)
                .flatMap(Generated::digits)
                .map(d -> d.charAt(0) == '0' ? "4" + d.substring(1) : d)
                .zip(integers().between(0, 4), (d, style) -> switch (style) {
                    case 0 -> "+" + d;
                    case 1 -> "+" + d.substring(0, 2) + " " + d.substring(2, 5) + " " + d.substring(5);
                    case 2 -> "0" + d.substring(0, 3) + " " + d.substring(3);
                    case 3 -> "(" + d.substring(0, 3) + ") " + d.substring(3);
                    default -> "00" + d.substring(0, 2) + "-" + d.substring(2);
                });
    }

    /** Valid dates as d.m.yyyy, dd/mm/yy, yyyy-mm-dd. */
    static Gen<String> dates() {
        return integers()
                .between(1, 28)
                .zip(
                        integers().between(1, 12),
                        integers().between(1950, 2049),
                        (d, m, y) -> List.of(
                                        d + "." + m + "." + y,
                                        String.format("%02d/%02d/%02d", d, m, y % 100),
                                        String.format("%d-%02d-%02d", y, m, d))
                                .get((d + m + y) % 3));
    }

    private static String group(String digits, int style) {
        if (style == 0) {
            return digits;
        }
        return digits.replaceAll("(.{4})(?!$)", style == 1 ? "$1 " : "$1-");
    }

    private static int luhnDigit(String partial) {
        for (int d = 0; d <= 9; d++) {
            if (Checksums.luhn(partial + d)) {
                return d;
            }
        }
        throw new AssertionError();
    }
}
