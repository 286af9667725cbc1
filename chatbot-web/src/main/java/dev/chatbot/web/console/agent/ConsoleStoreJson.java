package dev.chatbot.web.console.agent;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.transcript.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** The stored JSON of accounts, teams and presence reports, shared by the {@link ConsoleStore} adapters. */
public final class ConsoleStoreJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * {@code mustChangePassword} is absent (null) in accounts written before it existed: false; {@code teams} and
     * {@code languages} likewise: none.
     */
    private record StoredAgent(
            String id,
            String passwordHash,
            String role,
            boolean enabled,
            String createdAt,
            Boolean mustChangePassword,
            List<String> teams,
            List<String> languages) {}

    private record StoredTeam(String name, String createdAt) {}

    private record StoredPresence(String agent, String status, String at) {}

    /** Opening hours as written in configuration: zone, day name to hours, date to hours. */
    private record StoredHours(String zone, Map<String, String> weekly, Map<String, String> exceptions) {}

    private ConsoleStoreJson() {}

    public static String write(Agent a) {
        return JSON.writeValueAsString(new StoredAgent(
                a.id().value(),
                a.passwordHash(),
                a.role().name(),
                a.enabled(),
                a.createdAt().toString(),
                a.mustChangePassword(),
                List.copyOf(a.teams()),
                List.copyOf(a.languages())));
    }

    public static Agent agent(String json) {
        StoredAgent s = JSON.readValue(json, StoredAgent.class);
        return new Agent(
                AgentId.of(s.id()),
                s.passwordHash(),
                Role.valueOf(s.role()),
                s.enabled(),
                Instant.parse(s.createdAt()),
                Boolean.TRUE.equals(s.mustChangePassword()),
                s.teams() == null ? Set.of() : Set.copyOf(s.teams()),
                s.languages() == null ? Set.of() : Set.copyOf(s.languages()));
    }

    /** The accounts of an {@code agents.json} written before the database (a JSON array of account JSON strings). */
    public static List<Agent> agents(String json) {
        return List.of(JSON.readValue(json, String[].class)).stream()
                .map(ConsoleStoreJson::agent)
                .toList();
    }

    public static String write(Team t) {
        return JSON.writeValueAsString(new StoredTeam(t.name(), t.createdAt().toString()));
    }

    public static Team team(String json) {
        StoredTeam s = JSON.readValue(json, StoredTeam.class);
        return new Team(s.name(), Instant.parse(s.createdAt()));
    }

    public static String write(Presence p) {
        return JSON.writeValueAsString(
                new StoredPresence(p.agent().value(), p.status().name(), p.at().toString()));
    }

    public static Presence presence(String json) {
        StoredPresence s = JSON.readValue(json, StoredPresence.class);
        return new Presence(AgentId.of(s.agent()), Presence.Status.valueOf(s.status()), Instant.parse(s.at()));
    }

    public static String write(OpeningHours h) {
        return JSON.writeValueAsString(new StoredHours(h.zone().getId(), h.weeklyText(), h.exceptionsText()));
    }

    public static OpeningHours hours(String json) {
        StoredHours s = JSON.readValue(json, StoredHours.class);
        return OpeningHours.parse(s.zone(), s.weekly(), s.exceptions());
    }
}
