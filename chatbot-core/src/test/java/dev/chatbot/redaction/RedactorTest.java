package dev.chatbot.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
            "5500 0000 0000 0004", "3782 822463 10005", "6011-0009-9013-9424", "4012888888881881"})
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
    @ValueSource(strings = {"jane.doe@example.com", "jane+orders@example.co.uk", "j_doe-99@mail.example.org",
            "JANE.DOE+shop@Example.COM"})
    void redactsEmailAddressesIncludingPlusAddressed(String email) {
        assertThat(redactor.redact("write to " + email + " now")).isEqualTo("write to [email] now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+1 (415) 555-0132", "0049 30 1234567", "+49 (0)30 1234567",
            "+33 1 23 45 67 89", "+31-20-123-4567", "020 7946 0958", "(415) 555-0132", "415-555-0132",
            "+61 2 9876 5432", "+4915112345678"})
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
        Redactor emailsOnly = new Redactor(new RedactionSettings(false, true, false, 7, "#", "<e-mail>", "#"));
        assertThat(emailsOnly.redact("4111111111111111 a@b.de +44 20 7946 0958"))
                .isEqualTo("4111111111111111 <e-mail> +44 20 7946 0958");
        assertThat(new Redactor(RedactionSettings.none()).redact("a@b.de")).isEqualTo("a@b.de");
    }
}
