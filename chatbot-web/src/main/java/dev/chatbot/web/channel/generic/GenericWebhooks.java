package dev.chatbot.web.channel.generic;

import dev.chatbot.web.config.ChatbotProperties;
import java.util.Arrays;

/** Builds the generic webhook's signature from its settings. */
public final class GenericWebhooks {

    private GenericWebhooks() {}

    /** The signature checker/signer, or null when no secret is configured. */
    public static WebhookSignature signature(ChatbotProperties.Generic settings) {
        return settings.enabled()
                ? new WebhookSignature(
                        Arrays.asList(settings.secret(), settings.previousSecret()), settings.replayWindow())
                : null;
    }
}
