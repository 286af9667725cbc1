package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactDetailsTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void keepsWhatTheCustomerGaveTrimmed() {
        ContactDetails c = new ContactDetails("  Jo Doe ", " jo.doe@mail.example.com ", " +49 (170) 123-45/67 ", T);
        assertThat(c.name()).isEqualTo("Jo Doe");
        assertThat(c.email()).isEqualTo("jo.doe@mail.example.com");
        assertThat(c.phone()).isEqualTo("+49 (170) 123-45/67");
        assertThat(new ContactDetails(null, "a@b.de", null, T).phone()).isEmpty();
        assertThat(new ContactDetails(null, " ", "0301234567", T).email()).isEmpty();
    }

    @Test
    void needsAnEmailOrAPhone() {
        assertThatThrownBy(() -> new ContactDetails("Jo", " ", null, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e-mail address or a phone number");
    }

    @Test
    void refusesWhatCannotReachAnyone() {
        for (String email : new String[] {
            "jo",
            "jo@",
            "@example.com",
            "jo@example",
            "jo@@example.com",
            "jo doe@example.com",
            "jo@example..com",
            "jo@example.",
            "x".repeat(250) + "@e.de"
        }) {
            assertThatThrownBy(() -> new ContactDetails(null, email, null, T))
                    .as(email)
                    .hasMessageContaining("e-mail");
        }
        for (String phone : new String[] {"12345", "call me", "49+170123456", "1".repeat(21), "0170 123456 ext. 5"}) {
            assertThatThrownBy(() -> new ContactDetails(null, null, phone, T))
                    .as(phone)
                    .hasMessageContaining("phone");
        }
        assertThatThrownBy(() -> new ContactDetails("x".repeat(101), "a@b.de", null, T))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ContactDetails("Jo\nDoe", "a@b.de", null, T))
                .hasMessageContaining("name");
    }
}
