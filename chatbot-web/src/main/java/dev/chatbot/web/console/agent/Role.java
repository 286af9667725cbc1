package dev.chatbot.web.console.agent;

/** What an agent may do: AGENT works conversations; ADMIN also adds and disables agents. */
public enum Role {
    AGENT,
    ADMIN
}
