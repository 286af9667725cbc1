package dev.chatbot.data;

import dev.chatbot.intent.IntentName;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the bot does for an intent: its answer, optional quick replies, and whether it always goes to a
 * person. {@code category} groups related intents (orders, shipping, ...). {@code team} is the team of agents
 * a conversation about this intent is routed to when it escalates ("" for none: every agent sees it).
 */
public record IntentDefinition(
        IntentName name, String category, String answer, List<String> quickReplies, boolean alwaysHuman, String team) {

    /** What a team's name may be: 1-40 letters, digits, '-' or '_' (also the console's rule). */
    public static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    public IntentDefinition {
        category = category == null || category.isBlank() ? "" : category.strip();
        answer = answer == null ? "" : answer.strip();
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        team = team == null || team.isBlank() ? "" : team.strip();
    }

    /** An intent routed to no team. */
    public IntentDefinition(
            IntentName name, String category, String answer, List<String> quickReplies, boolean alwaysHuman) {
        this(name, category, answer, quickReplies, alwaysHuman, "");
    }
}
