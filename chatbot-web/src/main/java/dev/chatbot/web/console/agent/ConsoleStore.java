package dev.chatbot.web.console.agent;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.transcript.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * What the agent console keeps besides transcripts: agent accounts, teams, agent presence and the opening hours an
 * admin saved. Kept in the transcript store's backend. Adapters: {@code sqlite} (accounts, teams and settings in the
 * embedded database, presence in memory: one instance) and {@code redis} (four hashes shared by every instance).
 *
 * <p>Contract: account writes are durable when they return; {@link #add} is atomic and never replaces an
 * account (of several instances adding the same name, exactly one succeeds); {@link #update} only replaces an
 * existing account. Presence is a last-writer-wins report per agent. Storage failures throw unchecked
 * exceptions; {@code null} arguments throw {@link NullPointerException}. Thread-safe.
 */
public interface ConsoleStore extends AutoCloseable {

    /** Adds the account unless one with its id exists; true if this call added it. */
    boolean add(Agent agent);

    /** Replaces the account with the same id; false (and nothing written) if there is none. */
    boolean update(Agent agent);

    Optional<Agent> agent(AgentId id);

    /** Every account, by id. */
    List<Agent> agents();

    /** Adds the team unless one with its name exists; true if this call added it. */
    boolean addTeam(Team team);

    /** Removes the team (not its members' memberships); false if there was none. */
    boolean removeTeam(String name);

    /** Every team, by name. */
    List<Team> teams();

    /** Records an agent's presence report, replacing the previous one. */
    void report(Presence presence);

    /** The latest presence report of every agent that sent one. */
    List<Presence> presences();

    /** The opening hours an admin saved in the console, replacing the configured ones; empty if none were saved. */
    Optional<OpeningHours> hours();

    /** Saves the opening hours (durable when it returns), replacing what was saved before. */
    void saveHours(OpeningHours hours);

    @Override
    void close();
}
