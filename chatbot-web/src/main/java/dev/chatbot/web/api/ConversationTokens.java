package dev.chatbot.web.api;

import dev.chatbot.files.PrivateFiles;
import dev.chatbot.transcript.ConversationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Conversation tokens: {@code <expiry>.<mac>}, where {@code expiry} is the epoch second after which the token is
 * refused (base 36) and {@code mac} is {@code base64url(HMAC-SHA256(key, "conversation:" + id + ":" + expiry))}.
 * Nothing is stored, so any instance sharing the key can check a token; the conversation id itself is random, and
 * without the key no token can be made for it, nor its expiry moved. Checks compare in constant time. Thread-safe.
 */
public final class ConversationTokens {

    /** How long a token is accepted when nothing else is configured. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(7);

    private static final int MIN_KEY_BYTES = 32;

    /** What a check found. */
    public enum Check {
        VALID,
        EXPIRED,
        INVALID
    }

    private final SecretKeySpec key;
    private final Duration timeToLive;
    private final Clock clock;
    /** One keyed Mac per thread: looking up the provider and keying a Mac costs more than the HMAC of a short id. */
    private final ThreadLocal<Mac> macs;

    public ConversationTokens(byte[] key) {
        this(key, DEFAULT_TIME_TO_LIVE, Clock.systemUTC());
    }

    public ConversationTokens(byte[] key, Duration timeToLive, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive: " + timeToLive);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.timeToLive = timeToLive;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail here, at start-up, if HMAC-SHA256 is unavailable
    }

    /** A token for {@code id}, accepted until the configured lifetime has passed. */
    public String issue(ConversationId id) {
        long expiry = clock.instant().plus(timeToLive).getEpochSecond();
        String expires = Long.toString(expiry, 36);
        return expires + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(id, expires));
    }

    /** True when {@code token} is a current token of {@code id}; false for null, malformed, wrong or expired ones. */
    public boolean matches(ConversationId id, String token) {
        return check(id, token) == Check.VALID;
    }

    /** Whether {@code token} is a current token of {@code id}, an expired one, or none at all. */
    public Check check(ConversationId id, String token) {
        if (token == null) {
            return Check.INVALID;
        }
        String t = token.strip();
        int dot = t.indexOf('.');
        if (dot < 1 || dot > 13) {
            return Check.INVALID;
        }
        String expires = t.substring(0, dot);
        byte[] given;
        long expiry;
        try {
            given = Base64.getUrlDecoder().decode(t.substring(dot + 1));
            expiry = Long.parseLong(expires, 36);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (!MessageDigest.isEqual(mac(id, expires), given)) {
            return Check.INVALID;
        }
        return clock.instant().getEpochSecond() > expiry ? Check.EXPIRED : Check.VALID;
    }

    /**
     * A stable pseudonym of a channel address (a phone number, a chat id) for use in conversation ids, so the
     * address itself never appears in ids, URLs or logs: 32 hex digits of the keyed HMAC.
     */
    public String pseudonym(String value) {
        return java.util.HexFormat.of().formatHex(hmac("address:" + value), 0, 16);
    }

    /**
     * The key kept in {@code file} (base64), created with 32 random bytes when missing: the file {@code 0600} in a
     * {@code 0700} directory ({@link PrivateFiles}), so tokens survive restarts. Of several processes creating it
     * at once, the first one's key is used by all.
     */
    public static byte[] keyFile(Path file) {
        try {
            PrivateFiles.directory(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    PrivateFiles.writeNew(file, Base64.getEncoder().encode(key));
                } catch (FileAlreadyExistsException raced) {
                    // another process wrote it first: use theirs
                }
            }
            PrivateFiles.restrict(file, PrivateFiles.FILE);
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        }
    }

    private byte[] mac(ConversationId id, String expires) {
        return hmac("conversation:" + id.value() + ":" + expires);
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
