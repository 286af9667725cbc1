package dev.chatbot.web.console.agent;

import dev.chatbot.transcript.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's last presence report: {@code status} as the agent set it and when the console last said so.
 * Consoles report every few seconds, so a closed console turns into "away" after the presence timeout.
 */
public record Presence(AgentId agent, Status status, Instant at) {

    public enum Status {
        ONLINE,
        AWAY
    }

    public Presence {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    /** Online: reported ONLINE no longer than {@code timeout} before {@code now}. */
    public boolean onlineAt(Instant now, Duration timeout) {
        return status == Status.ONLINE && !at.plus(timeout).isBefore(now);
    }
}
