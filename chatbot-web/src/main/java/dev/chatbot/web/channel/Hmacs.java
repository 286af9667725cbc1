package dev.chatbot.web.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as the webhooks carry them, and constant-time comparison. */
public final class Hmacs {

    private Hmacs() {}

    /** Lower-case hex HMAC-SHA256 of {@code message} under {@code secret} (its UTF-8 bytes are the key). */
    public static String sha256Hex(String secret, byte[] message) {
        return sha256Hex(secret.getBytes(StandardCharsets.UTF_8), message);
    }

    /** Lower-case hex HMAC-SHA256 of {@code message} under {@code key}. */
    public static String sha256Hex(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in time independent of where the strings differ; false if either is null. */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
