package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.sqlite.SqliteConsoleStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class AgentPasswordsTest {

    @TempDir
    Path dir;

    private final Map<Path, SqliteDatabase> databases = new HashMap<>();

    /** The accounts in the database of {@code data}, opened anew (closing the one opened before: a restart). */
    private AgentAccounts accounts(Path data) {
        SqliteDatabase before = databases.remove(data);
        if (before != null) {
            before.close();
        }
        SqliteDatabase db = SqliteDatabase.open(new SqliteSettings(data, false));
        databases.put(data, db);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        return new AgentAccounts(
                SqliteConsoleStore.open(db, data),
                bcrypt::encode,
                bcrypt::matches,
                Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    @AfterEach
    void closeDatabases() {
        databases.values().forEach(SqliteDatabase::close);
    }

    @Test
    void aGeneratedFirstAdminPasswordMustBeChangedAndAConfiguredOneNeedNot() {
        AgentAccounts generated = accounts(dir.resolve("a"));
        String password = generated.createFirstAdmin(AgentId.of("admin"), "").orElseThrow();
        assertThat(password).hasSizeGreaterThanOrEqualTo(AgentAccounts.MIN_PASSWORD_LENGTH);
        assertThat(generated.find(AgentId.of("admin")).orElseThrow().mustChangePassword())
                .isTrue();
        generated.changePassword(AgentId.of("admin"), password, "chosen-by-me-1");
        assertThat(accounts(dir.resolve("a"))
                        .find(AgentId.of("admin"))
                        .orElseThrow()
                        .mustChangePassword())
                .as("kept in the store")
                .isFalse();

        AgentAccounts configured = accounts(dir.resolve("b"));
        assertThat(configured.createFirstAdmin(AgentId.of("admin"), "configured-pw-1"))
                .isEmpty();
        assertThat(configured.find(AgentId.of("admin")).orElseThrow().mustChangePassword())
                .isFalse();
    }

    @Test
    void aConfiguredAdminPasswordShorterThanTheMinimumIsRefused() {
        assertThatThrownBy(() -> accounts(dir).createFirstAdmin(AgentId.of("admin"), "short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10");
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndANewLongEnoughOne() {
        AgentAccounts accounts = accounts(dir);
        accounts.add(AgentId.of("dana"), "dana-password-1", dev.chatbot.web.console.agent.Role.AGENT);
        assertThatThrownBy(() -> accounts.changePassword(AgentId.of("dana"), "wrong-password", "dana-password-2"))
                .hasMessageContaining("current password");
        assertThatThrownBy(() -> accounts.changePassword(AgentId.of("dana"), "dana-password-1", "short"))
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> accounts.changePassword(AgentId.of("dana"), "dana-password-1", "dana-password-1"))
                .hasMessageContaining("differ");
        accounts.changePassword(AgentId.of("dana"), "dana-password-1", "dana-password-2");
    }
}
