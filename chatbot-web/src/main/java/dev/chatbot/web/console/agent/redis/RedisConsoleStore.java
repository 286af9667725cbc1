package dev.chatbot.web.console.agent.redis;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisHash;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.console.agent.ConsoleStoreJson;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Team;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Console store in Redis (Lettuce), shared by every instance: hash {@code <prefix>:console:agents} (agent id →
 * account JSON, added with {@code HSETNX}), hash {@code <prefix>:console:teams} (team name → team JSON), hash
 * {@code <prefix>:console:presence} (agent id → report) and hash {@code <prefix>:console:settings} (the opening
 * hours' JSON under {@code hours}).
 */
public final class RedisConsoleStore implements ConsoleStore {

    private final RedisHash agents;
    private final RedisHash presence;
    private final RedisHash teams;
    private final RedisHash settings;

    public RedisConsoleStore(RedisConnections redis) {
        this.agents = new RedisHash(redis, "console:agents");
        this.presence = new RedisHash(redis, "console:presence");
        this.teams = new RedisHash(redis, "console:teams");
        this.settings = new RedisHash(redis, "console:settings");
    }

    @Override
    public boolean add(Agent agent) {
        return agents.putIfAbsent(agent.id().value(), ConsoleStoreJson.write(agent));
    }

    @Override
    public boolean update(Agent agent) {
        return agents.replaceIfPresent(agent.id().value(), ConsoleStoreJson.write(agent));
    }

    @Override
    public Optional<Agent> agent(AgentId id) {
        return agents.get(id.value()).map(ConsoleStoreJson::agent);
    }

    @Override
    public List<Agent> agents() {
        return agents.values().stream()
                .map(ConsoleStoreJson::agent)
                .sorted(Comparator.comparing(a -> a.id().value()))
                .toList();
    }

    @Override
    public boolean addTeam(Team team) {
        return teams.putIfAbsent(team.name(), ConsoleStoreJson.write(team));
    }

    @Override
    public boolean removeTeam(String name) {
        return teams.remove(name) > 0;
    }

    @Override
    public List<Team> teams() {
        return teams.values().stream()
                .map(ConsoleStoreJson::team)
                .sorted(Comparator.comparing(Team::name))
                .toList();
    }

    @Override
    public void report(Presence report) {
        presence.put(report.agent().value(), ConsoleStoreJson.write(report));
    }

    @Override
    public List<Presence> presences() {
        return presence.values().stream().map(ConsoleStoreJson::presence).toList();
    }

    @Override
    public Optional<OpeningHours> hours() {
        return settings.get("hours").map(ConsoleStoreJson::hours);
    }

    @Override
    public void saveHours(OpeningHours hours) {
        settings.put("hours", ConsoleStoreJson.write(hours));
    }

    @Override
    public void close() {
        // the connections belong to whoever opened them
    }
}
