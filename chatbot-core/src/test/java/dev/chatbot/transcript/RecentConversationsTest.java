package dev.chatbot.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentConversationsTest {

    @Test
    void keepsTheMostRecentlyUsedUpToTheLimit() {
        Map<ConversationId, String> recent = RecentConversations.map(2);
        ConversationId a = ConversationId.of("a");
        ConversationId b = ConversationId.of("b");
        ConversationId c = ConversationId.of("c");
        recent.put(a, "1");
        recent.put(b, "2");
        recent.get(a); // a is now more recent than b
        recent.put(c, "3");
        assertThat(recent).containsOnlyKeys(a, c);
        assertThatThrownBy(() -> RecentConversations.map(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
