package dev.chatbot.channel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The photo formats a customer may upload, recognised by their first bytes (the declared type is the sender's word,
 * the magic bytes are the file's).
 */
public enum PhotoFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_MARK = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private final String mimeType;

    PhotoFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The format {@code content} starts like; empty for anything else (including null and too short content). */
    public static Optional<PhotoFormat> of(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        if (content.length >= 3
                && (content[0] & 0xff) == 0xff
                && (content[1] & 0xff) == 0xd8
                && (content[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (content.length >= 12 && startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP_MARK)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        return content.length >= at + prefix.length
                && Arrays.equals(content, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
