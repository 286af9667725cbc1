package dev.chatbot.redaction;

/** The check digits that tell real card numbers, IBANs and ID numbers from other digit strings. */
final class Checksums {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private Checksums() {}

    /** The Luhn (mod 10) check of payment card numbers, over ASCII digits. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * The ISO 13616 check of an IBAN given as its letters and digits without spaces: the first four characters
     * moved to the end, letters read as 10..35, the number mod 97 is 1.
     */
    static boolean ibanMod97(CharSequence iban) {
        int n = iban.length();
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            char c = Character.toUpperCase(iban.charAt((k + 4) % n));
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    /** The check letter of a Spanish DNI number (NIE numbers first replace X, Y, Z by 0, 1, 2). */
    static char dniLetter(int number) {
        return DNI_LETTERS.charAt(number % 23);
    }

    /**
     * A French social security number (NIR): 13 digits and a 2-digit key, key = 97 - (number mod 97); Corsican
     * departments 2A and 2B are not read here (they contain letters).
     */
    static boolean nir(CharSequence fifteenDigits) {
        char sex = fifteenDigits.charAt(0);
        if (sex != '1' && sex != '2' && sex != '7' && sex != '8') {
            return false;
        }
        int month = (fifteenDigits.charAt(3) - '0') * 10 + fifteenDigits.charAt(4) - '0';
        if (month < 1 || (month > 12 && month < 20) || month > 99) {
            return false;
        }
        long number = Long.parseLong(fifteenDigits.subSequence(0, 13).toString());
        int key = Integer.parseInt(fifteenDigits.subSequence(13, 15).toString());
        return key == 97 - number % 97;
    }

    /**
     * A US social security number as issued: area not 000, 666 or 900-999, group not 00, serial not 0000.
     */
    static boolean ssn(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
