package dev.chatbot.web.channel.generic;

import dev.chatbot.web.channel.Hmacs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The generic webhook's signature: {@code X-Chatbot-Timestamp: <unix seconds>} and
 * {@code X-Chatbot-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}. Any of the
 * configured secrets is accepted (current and previous, for rotation); comparison is constant-time; a
 * timestamp outside the replay window is refused.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Chatbot-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Chatbot-Signature";

    private final List<String> secrets;
    private final Duration replayWindow;

    public WebhookSignature(List<String> secrets, Duration replayWindow) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        this.replayWindow = Objects.requireNonNull(replayWindow, "replayWindow");
        if (this.secrets.isEmpty()) {
            throw new IllegalArgumentException("the generic webhook needs a secret");
        }
    }

    /** The header value signing {@code body} at {@code timestamp} with the current secret (for callbacks). */
    public String sign(long timestamp, byte[] body) {
        return "sha256=" + Hmacs.sha256Hex(secrets.get(0), signed(timestamp, body));
    }

    /**
     * What is wrong with a request's signature: empty when it is valid, else why not (a header missing or wrong, the
     * signature not matching, the timestamp outside the replay window).
     */
    public Optional<String> problem(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return Optional.of("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " must be unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > replayWindow.toSeconds()) {
            return Optional.of("the timestamp is outside the replay window of " + replayWindow.toSeconds() + " s");
        }
        String given = signatureHeader.strip();
        byte[] message = signed(timestamp, body);
        boolean valid = false;
        for (String secret : secrets) { // check all, so timing does not tell which secret matched
            valid |= Hmacs.constantTimeEquals("sha256=" + Hmacs.sha256Hex(secret, message), given);
        }
        return valid ? Optional.empty() : Optional.of("the signature does not match");
    }

    private static byte[] signed(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
