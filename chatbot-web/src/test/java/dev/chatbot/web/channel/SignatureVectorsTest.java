package dev.chatbot.web.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.channel.generic.WebhookSignature;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The signature checks against answers computed elsewhere, never by the production helper itself: the HMAC-SHA256
 * test cases of RFC 4231 (1-4, 6 and 7; case 5 is a truncated output, which no webhook uses), and webhook signatures
 * computed with OpenSSL (the command is beside each).
 */
class SignatureVectorsTest extends WebTestBase {

    private static final byte[] AA_131 = repeat(0xaa, 131);

    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] key4() {
        byte[] key = new byte[25];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        return key;
    }

    @Test
    void hmacSha256MatchesRfc4231() {
        assertThat(Hmacs.sha256Hex(repeat(0x0b, 20), ascii("Hi There")))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(Hmacs.sha256Hex(ascii("Jefe"), ascii("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Hmacs.sha256Hex(repeat(0xaa, 20), repeat(0xdd, 50)))
                .isEqualTo("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
        assertThat(Hmacs.sha256Hex(key4(), repeat(0xcd, 50)))
                .isEqualTo("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
        assertThat(Hmacs.sha256Hex(AA_131, ascii("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertThat(
                        Hmacs.sha256Hex(
                                AA_131,
                                ascii(
                                        "This is a test using a larger than block-size key and a larger than "
                                                + "block-size data. The key needs to be hashed before being used by the HMAC algorithm.")))
                .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void aTextSecretIsItsUtf8BytesAsTheKey() {
        // the RFC 4231 keys that are text (cases 1, 2 and 4 are ASCII; 3, 6 and 7 are not valid UTF-8)
        assertThat(Hmacs.sha256Hex("\u000b".repeat(20), ascii("Hi There")))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(Hmacs.sha256Hex("Jefe", ascii("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Hmacs.sha256Hex(new String(key4(), StandardCharsets.US_ASCII), repeat(0xcd, 50)))
                .isEqualTo("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    }

    @Test
    void theGenericWebhookSignsAndChecksTimestampDotBody() {
        long timestamp = 1767225600L;
        byte[] body = ascii("{\"messageId\":\"kat-1\",\"userId\":\"u-kat\",\"text\":\"Where is my order?\"}");
        // printf '%s' '1767225600.<body>' | openssl dgst -sha256 -hmac 'generic-secret-current'
        String expected = "sha256=399ef3e0df63425d4539dc0e98c2b96521908a9ab95ab18c13830a5172a3f12d";
        WebhookSignature signature =
                new WebhookSignature(List.of(GENERIC_SECRET, PREVIOUS_SECRET), Duration.ofMinutes(5));
        Instant then = Instant.ofEpochSecond(timestamp + 10);

        assertThat(signature.sign(timestamp, body)).isEqualTo(expected);
        assertThat(signature.problem(Long.toString(timestamp), expected, body, then))
                .isEmpty();
        assertThat(signature.problem(Long.toString(timestamp), oneDigitOff(expected), body, then))
                .contains("the signature does not match");
        assertThat(signature.problem(Long.toString(timestamp + 1), expected, body, then))
                .contains("the signature does not match");
    }

    @Test
    void whatsAppNotificationsAreCheckedAgainstXHubSignature256() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
        // printf '%s' '<body>' | openssl dgst -sha256 -hmac 'whatsapp-app-secret'
        String expected = "sha256=da4008ba68cba81d14448053540b8ded2530340361e9a039f4671436db2c09c6";
        http.post()
                .uri("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", expected)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.received")
                .isEqualTo(0);
        http.post()
                .uri("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", oneDigitOff(expected))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", expected.substring("sha256=".length()))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void telegramUpdatesNeedExactlyTheSecretToken() {
        String body = "{\"update_id\":1}"; // no message: nothing to answer
        for (String wrong :
                List.of(TELEGRAM_SECRET.substring(1), TELEGRAM_SECRET + "x", TELEGRAM_SECRET.toUpperCase(), "")) {
            http.post()
                    .uri("/webhooks/telegram")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Telegram-Bot-Api-Secret-Token", wrong)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        http.post()
                .uri("/webhooks/telegram")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** The same signature with its last hex digit changed. */
    private static String oneDigitOff(String signature) {
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
    }
}
