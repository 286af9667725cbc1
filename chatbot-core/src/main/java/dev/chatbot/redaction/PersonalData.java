package dev.chatbot.redaction;

/** The kinds of personal data the {@link Redactor} finds, each with the mask it is replaced by by default. */
public enum PersonalData {

    /** A payment card number: 13-19 digits passing the Luhn check. */
    CARD_NUMBER("[card]"),
    /** An IBAN of a known country, spaced or not, passing the mod-97 check. */
    IBAN("[iban]"),
    /** An e-mail address. */
    EMAIL_ADDRESS("[email]"),
    /** A phone number: international, or national with a leading 0, an area code in brackets or 3-3-4 groups. */
    PHONE_NUMBER("[phone]"),
    /**
     * A national identity number of a common shape: US social security number, UK National Insurance number,
     * Spanish DNI and NIE (with their check letter), French social security number (with its key).
     */
    NATIONAL_ID("[id]");

    private final String defaultMask;

    PersonalData(String defaultMask) {
        this.defaultMask = defaultMask;
    }

    public String defaultMask() {
        return defaultMask;
    }
}
