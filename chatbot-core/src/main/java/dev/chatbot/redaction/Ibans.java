package dev.chatbot.redaction;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds IBANs: at the start of a word, a country code with a known IBAN length and two check digits, then as many
 * letters and digits as that country's IBANs have, written together or grouped by single spaces or dashes, ending
 * at a word boundary and passing the mod-97 check. Each try reads at most 67 chars: linear time.
 */
final class Ibans {

    /** IBAN length by country (ISO 13616 registry). */
    private static final Map<String, Integer> LENGTHS = lengths(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 "
                    + "EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 "
                    + "IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 "
                    + "MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 "
                    + "SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

    private Ibans() {}

    static void scan(NormalizedText s, Spans spans) {
        int n = s.length();
        StringBuilder iban = new StringBuilder(34);
        for (int p = 0; p + 4 <= n; p++) {
            if (p > 0 && Character.isLetterOrDigit(s.at(p - 1))) {
                continue;
            }
            if (!asciiLetter(s.at(p)) || !asciiLetter(s.at(p + 1)) || !digit(s.at(p + 2)) || !digit(s.at(p + 3))) {
                continue;
            }
            Integer length = LENGTHS.get(("" + s.at(p) + s.at(p + 1)).toUpperCase(java.util.Locale.ROOT));
            if (length == null) {
                continue;
            }
            iban.setLength(0);
            int q = p;
            while (q < n && iban.length() < length) {
                char c = s.at(q);
                if (asciiLetter(c) || digit(c)) {
                    iban.append(c);
                    q++;
                } else if ((c == ' ' || c == '-') && q + 1 < n && (asciiLetter(s.at(q + 1)) || digit(s.at(q + 1)))) {
                    q++;
                } else {
                    break;
                }
            }
            if (iban.length() == length
                    && (q == n || !Character.isLetterOrDigit(s.at(q)))
                    && Checksums.ibanMod97(iban)) {
                spans.offer(PersonalData.IBAN, p, q);
            }
        }
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Map<String, Integer> lengths(String table) {
        Map<String, Integer> out = new HashMap<>();
        for (String entry : table.split(" ")) {
            out.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(out);
    }
}
