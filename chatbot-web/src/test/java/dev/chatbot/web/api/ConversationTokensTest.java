package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.ConversationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationTokensTest {

    private static final byte[] KEY = new byte[32];
    private static final ConversationId ID = ConversationId.of("c-0123456789abcdef");

    @TempDir
    Path dir;

    private static ConversationTokens at(String instant) {
        return new ConversationTokens(KEY, Duration.ofDays(7), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void aTokenIsValidUntilItsLifetimeHasPassedThenExpired() {
        String token = at("2026-01-01T00:00:00Z").issue(ID);
        assertThat(at("2026-01-07T23:59:59Z").check(ID, token)).isEqualTo(ConversationTokens.Check.VALID);
        assertThat(at("2026-01-08T00:00:01Z").check(ID, token)).isEqualTo(ConversationTokens.Check.EXPIRED);
    }

    @Test
    void aTokenOfAnotherConversationOrWithAMovedExpiryIsInvalid() {
        ConversationTokens tokens = at("2026-01-01T00:00:00Z");
        String token = tokens.issue(ID);
        assertThat(tokens.check(ConversationId.of("c-other-conversation"), token))
                .isEqualTo(ConversationTokens.Check.INVALID);
        String later = Long.toString(Long.parseLong(token.substring(0, token.indexOf('.')), 36) + 86400, 36);
        assertThat(tokens.check(ID, later + token.substring(token.indexOf('.'))))
                .isEqualTo(ConversationTokens.Check.INVALID);
        for (String bad : new String[] {null, "", "x", ".", "abc.", "zzzzzzzzzzzzzzzzz.abc", "1.%%%"}) {
            assertThat(tokens.check(ID, bad)).as(String.valueOf(bad)).isEqualTo(ConversationTokens.Check.INVALID);
        }
    }

    @Test
    void theGeneratedKeyFileIsOwnerOnlyAndReused() throws Exception {
        Path file = dir.resolve("data").resolve("token.key");
        byte[] key = ConversationTokens.keyFile(file);
        assertThat(ConversationTokens.keyFile(file)).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }
}
