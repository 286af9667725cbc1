package dev.chatbot.web.channel.telegram;

import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Route of the Telegram webhook; without a secret token it answers 404. */
@Configuration(proxyBeanMethods = false)
class TelegramRouter {

    @Bean
    RouterFunction<ServerResponse> telegramRoutes(ChatbotProperties properties, ChannelInbox inbox, JsonBodies json) {
        ChatbotProperties.Telegram settings = properties.webhook().telegram();
        if (!settings.enabled()) {
            return RouterFunctions.route()
                    .POST(
                            "/webhooks/telegram",
                            r -> Mono.error(ApiException.notFound("the Telegram webhook is not enabled")))
                    .build();
        }
        TelegramWebhookHandler handler = new TelegramWebhookHandler(settings.secretToken(), inbox, json);
        return RouterFunctions.route()
                .POST("/webhooks/telegram", handler::receive)
                .build();
    }
}
