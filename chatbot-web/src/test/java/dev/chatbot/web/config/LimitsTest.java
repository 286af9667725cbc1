package dev.chatbot.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request limits' defaults, where a setting is left at 0. */
class LimitsTest {

    @Test
    void fillsTheFairShareDefaults() {
        ChatbotProperties.Limits limits =
                new ChatbotProperties.Limits(2000, 65536, 20, 300, 0, 1000, null, 0, null, 0, 0, 0, 0);
        assertThat(limits.openConversationsPerAddress()).isEqualTo(30);
        assertThat(limits.streamsPerConversation()).isEqualTo(3);
        assertThat(limits.streamsPerAddress()).isEqualTo(20);
        assertThat(limits.messagesPerChannelUserPerMinute()).isEqualTo(20);
        assertThat(limits.trustedProxies()).isEmpty();
    }
}
