package dev.chatbot.web.console.agent;

import dev.chatbot.transcript.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * What the agent console keeps besides transcripts: agent accounts, teams and agent presence. Kept in the transcript
 * store's backend. Adapters: {@code sqlite} (accounts and teams in the embedded database, presence in memory:
 * one instance) and {@code redis} (three hashes shared by every instance).
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

    @Override
    void close();
}
