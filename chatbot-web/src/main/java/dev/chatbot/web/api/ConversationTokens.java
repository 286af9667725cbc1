package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Conversation tokens: {@code base64url(HMAC-SHA256(key, "conversation:" + id))}. Nothing is stored, so any
 * instance sharing the key can check a token; the conversation id itself is random, and without the key no
 * token can be made for it. Checks compare in constant time. Thread-safe.
 */
public final class ConversationTokens {

    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    /** One keyed Mac per thread: looking up the provider and keying a Mac costs more than the HMAC of a short id. */
    private final ThreadLocal<Mac> macs;

    public ConversationTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail here, at start-up, if HMAC-SHA256 is unavailable
    }

    public String issue(ConversationId id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(id));
    }

    /** True when {@code token} is the token of {@code id}; false for null, malformed or wrong tokens. */
    public boolean matches(ConversationId id, String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(id), given);
    }

    /**
     * A stable pseudonym of a channel address (a phone number, a chat id) for use in conversation ids, so the
     * address itself never appears in ids, URLs or logs: 32 hex digits of the keyed HMAC.
     */
    public String pseudonym(String value) {
        return java.util.HexFormat.of().formatHex(hmac("address:" + value), 0, 16);
    }

    private byte[] mac(ConversationId id) {
        return hmac("conversation:" + id.value());
    }

    private byte[] hmac(String message) {
        return macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)); // doFinal leaves the Mac ready again
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
