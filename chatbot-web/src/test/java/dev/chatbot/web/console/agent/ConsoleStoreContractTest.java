package dev.chatbot.web.console.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.AgentId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One contract for the {@link ConsoleStore} port, run on the file and the Redis adapter. */
@Timeout(120) // a guard against a hang, not a speed check
public abstract class ConsoleStoreContractTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected ConsoleStore store;

    protected abstract ConsoleStore open();

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    protected static Agent agent(String name, Role role) {
        return new Agent(AgentId.of(name), "$2a$10$hash-of-" + name, role, true, NOW);
    }

    @Test
    void keepsTeamsAndEachAgentsTeamsAndLanguages() {
        assertThat(store.addTeam(new Team("billing", NOW))).isTrue();
        assertThat(store.addTeam(new Team("billing", NOW.plusSeconds(1)))).isFalse();
        assertThat(store.addTeam(new Team("orders", NOW))).isTrue();
        assertThat(store.teams()).containsExactly(new Team("billing", NOW), new Team("orders", NOW));

        store.add(agent("bella", Role.AGENT));
        Agent routed =
                agent("bella", Role.AGENT).withRouting(java.util.Set.of("billing", "orders"), java.util.Set.of("de"));
        assertThat(store.update(routed)).isTrue();
        assertThat(store.agent(AgentId.of("bella")).orElseThrow())
                .isEqualTo(routed)
                .satisfies(a -> assertThat(a.teams()).containsExactly("billing", "orders"))
                .satisfies(a -> assertThat(a.languages()).containsExactly("de"));
        assertThat(store.agent(AgentId.of("bella"))
                        .orElseThrow()
                        .withEnabled(false)
                        .teams())
                .containsExactly("billing", "orders");

        assertThat(store.removeTeam("orders")).isTrue();
        assertThat(store.removeTeam("orders")).isFalse();
        assertThat(store.teams()).extracting(Team::name).containsExactly("billing");
    }

    @Test
    void readsAccountsWrittenBeforeTeamsExistedAsInNoTeam() {
        String old = "{\"id\":\"olga\",\"passwordHash\":\"$2a$10$x\",\"role\":\"AGENT\",\"enabled\":true,"
                + "\"createdAt\":\"2025-01-01T00:00:00Z\"}";
        Agent a = ConsoleStoreJson.agent(old);
        assertThat(a.teams()).isEmpty();
        assertThat(a.languages()).isEmpty();
    }

    @Test
    void keepsTheLastSavedOpeningHours() {
        assertThat(store.hours()).isEmpty();
        dev.chatbot.hours.OpeningHours first = dev.chatbot.hours.OpeningHours.parse(
                "Europe/Berlin",
                java.util.Map.of("monday", "09:00-12:00, 13:00-17:00"),
                java.util.Map.of("2026-12-25", "closed"));
        store.saveHours(first);
        assertThat(store.hours()).contains(first);
        dev.chatbot.hours.OpeningHours second = dev.chatbot.hours.OpeningHours.parse(
                "UTC", java.util.Map.of("saturday", "10:00-24:00"), java.util.Map.of());
        store.saveHours(second);
        assertThat(store.hours()).contains(second);
    }

    @Test
    void addsAnAccountOnceAndNeverReplacesIt() {
        assertThat(store.add(agent("alice", Role.AGENT))).isTrue();
        assertThat(store.add(agent("alice", Role.ADMIN))).isFalse();
        assertThat(store.agent(AgentId.of("alice"))).contains(agent("alice", Role.AGENT));
        assertThat(store.agent(AgentId.of("nobody"))).isEmpty();
    }

    @Test
    void updatesOnlyExistingAccounts() {
        assertThat(store.update(agent("ghost", Role.AGENT))).isFalse();
        assertThat(store.agent(AgentId.of("ghost"))).isEmpty();
        store.add(agent("bob", Role.AGENT));
        assertThat(store.update(agent("bob", Role.AGENT).withEnabled(false))).isTrue();
        assertThat(store.agent(AgentId.of("bob")).orElseThrow().enabled()).isFalse();
    }

    @Test
    void listsEveryAccountByName() {
        store.add(agent("zoe", Role.AGENT));
        store.add(agent("adam", Role.ADMIN));
        assertThat(store.agents()).extracting(a -> a.id().value()).containsExactly("adam", "zoe");
    }

    @Test
    void ofConcurrentAddsOfOneNameExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> adds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                adds.add(() -> store.add(agent("race", Role.AGENT)));
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(adds)) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsTheLatestPresenceReportPerAgent() {
        store.report(new Presence(AgentId.of("alice"), Presence.Status.ONLINE, NOW));
        store.report(new Presence(AgentId.of("alice"), Presence.Status.AWAY, NOW.plusSeconds(1)));
        assertThat(store.presences())
                .containsExactly(new Presence(AgentId.of("alice"), Presence.Status.AWAY, NOW.plusSeconds(1)));
    }
}
