package dev.chatbot.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "5500 0000 0000 0004",
                "3782 822463 10005",
                "6011-0009-9013-9424",
                "4012888888881881"
            })
    void redactsLuhnValidCardNumbersPlainSpacedAndDashed(String card) {
        assertThat(redactor.redact("my card is " + card + ", thanks")).isEqualTo("my card is [card], thanks");
    }

    @Test
    void keepsACardLikeNumberThatFailsTheLuhnCheck() {
        assertThat(redactor.redact("order 4111 1111 1111 1112 please")).isEqualTo("order 4111 1111 1111 1112 please");
    }

    @Test
    void redactsACardNumberFollowedByMoreDigitGroups() {
        assertThat(redactor.redact("4111 1111 1111 1111 123")).isEqualTo("[card] 123");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jane.doe@example.com",
                "jane+orders@example.co.uk",
                "j_doe-99@mail.example.org",
                "JANE.DOE+shop@Example.COM"
            })
    void redactsEmailAddressesIncludingPlusAddressed(String email) {
        assertThat(redactor.redact("write to " + email + " now")).isEqualTo("write to [email] now");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+44 20 7946 0958",
                "+1 (415) 555-0132",
                "0049 30 1234567",
                "+49 (0)30 1234567",
                "+33 1 23 45 67 89",
                "+31-20-123-4567",
                "020 7946 0958",
                "(415) 555-0132",
                "415-555-0132",
                "+61 2 9876 5432",
                "+4915112345678"
            })
    void redactsInternationalAndNationalPhoneNumbers(String phone) {
        assertThat(redactor.redact("call me on " + phone + " today")).isEqualTo("call me on [phone] today");
    }

    @Test
    void keepsOrderNumbersPricesAndDates() {
        String text = "order 1234567 cost 49.99 EUR on 2025-03-01, ticket #88231, 3 items";
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void redactsEveryKindInOneMessage() {
        assertThat(redactor.redact("card 4111-1111-1111-1111, mail a+b@x.io, phone +44 20 7946 0958"))
                .isEqualTo("card [card], mail [email], phone [phone]");
    }

    @Test
    void redactsOnlyTheConfiguredKindsWithTheConfiguredMasks() {
        Redactor emailsOnly = new Redactor(
                RedactionSettings.only(PersonalData.EMAIL_ADDRESS).withMask(PersonalData.EMAIL_ADDRESS, "<e-mail>"));
        assertThat(emailsOnly.redact("4111111111111111 a@b.de +44 20 7946 0958"))
                .isEqualTo("4111111111111111 <e-mail> +44 20 7946 0958");
        assertThat(new Redactor(RedactionSettings.none()).redact("a@b.de")).isEqualTo("a@b.de");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE89 3704 0044 0532 0130 00",
                "DE89370400440532013000",
                "GB29 NWBK 6016 1331 9268 19",
                "gb29nwbk60161331926819",
                "FR14 2004 1010 0505 0001 3M02 606",
                "NL91 ABNA 0417 1643 00",
                "CH93 0076 2011 6238 5295 7",
                "BE68-5390-0754-7034"
            })
    void redactsIbansSpacedAndUnspaced(String iban) {
        assertThat(redactor.redact("pay to " + iban + ", please")).isEqualTo("pay to [iban], please");
    }

    @Test
    void keepsAnIbanShapedStringThatFailsTheCheck() {
        String text = "pay to DE89 3704 0044 0532 0130 01, please";
        assertThat(redactor.find(text)).noneMatch(f -> f.kind() == PersonalData.IBAN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123-45-6789",
                "AB 12 34 56 C",
                "JG103759A",
                "12345678Z",
                "12345678-Z",
                "X1234567L",
                "Y-1234567-X",
                "1 84 12 76 451 089 46",
                "184127645108946"
            })
    void redactsCommonNationalIdNumbers(String id) {
        assertThat(redactor.redact("my id is " + id + " ok")).isEqualTo("my id is [id] ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "DF 12 34 56 A", "12345678A", "184127645108947"})
    void keepsIdShapedNumbersThatAreNotValid(String notAnId) {
        assertThat(redactor.find("ref " + notAnId + " ok")).noneMatch(f -> f.kind() == PersonalData.NATIONAL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.03.2025", "1/3/25", "2025-03-01", "31.12.1999", "12/31/2024", "2024/02/29"})
    void keepsDates(String date) {
        String text = "delivered on " + date + " to the shop";
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "order 0123456789",
                "invoice no. 0987654321",
                "ticket #0555123456",
                "tracking number: 00340434161234567",
                "Bestellnummer 0412345678",
                "version 10.2.3",
                "12 x 0.5 l"
            })
    void keepsReferencesAndOtherNumbers(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void readsFullWidthAndOtherScriptsDigitsAsDigitsAndKeepsTheRestAsWritten() {
        assertThat(redactor.redact("ｶｰﾄﾞ ４１１１ １１１１ １１１１ １１１１ です")).isEqualTo("ｶｰﾄﾞ [card] です");
        assertThat(redactor.redact("رقمي ٠٢٠ ٧٩٤٦ ٠٩٥٨ شكرا")).isEqualTo("رقمي [phone] شكرا");
        assertThat(redactor.redact("mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ ﬁne")).isEqualTo("mail [email] ﬁne");
        assertThat(redactor.redact("card 4111\u200b1111\u00a01111 1111!")).isEqualTo("card [card]!");
    }

    @Test
    void reportsFindingsInTheOriginalTextAndKeepsWhatTheCallerKeeps() {
        String text = "mail jane@example.com or call 020 7946 0958";
        assertThat(redactor.find(text))
                .extracting(f -> f.kind() + ":" + f.in(text))
                .containsExactly("EMAIL_ADDRESS:jane@example.com", "PHONE_NUMBER:020 7946 0958");
        assertThat(redactor.redact(text, f -> f.kind() == PersonalData.EMAIL_ADDRESS))
                .isEqualTo("mail jane@example.com or call [phone]");
    }
}
