package dev.chatbot.transcript;

/** Checks ids by hand: a regex per id cost more than the rest of reading an event (ids are made for every request). */
final class IdCharacters {

    private IdCharacters() {}

    /** {@code [A-Za-z0-9<punctuation>]{1,maxLength}}. */
    static boolean lettersDigitsOr(String value, int maxLength, String punctuation) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || punctuation.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
