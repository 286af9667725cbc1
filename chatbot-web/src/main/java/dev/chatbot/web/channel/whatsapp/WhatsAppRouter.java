package dev.chatbot.web.channel.whatsapp;

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

/** Routes of the WhatsApp Cloud API webhook; without an app secret they answer 404. */
@Configuration(proxyBeanMethods = false)
class WhatsAppRouter {

    @Bean
    RouterFunction<ServerResponse> whatsAppRoutes(ChatbotProperties properties, ChannelInbox inbox, JsonBodies json) {
        ChatbotProperties.WhatsApp settings = properties.webhook().whatsapp();
        if (!settings.enabled()) {
            return RouterFunctions.route()
                    .route(
                            r -> r.path().equals("/webhooks/whatsapp"),
                            r -> Mono.error(ApiException.notFound("the WhatsApp webhook is not enabled")))
                    .build();
        }
        WhatsAppWebhookHandler handler = new WhatsAppWebhookHandler(settings, inbox, json);
        return RouterFunctions.route()
                .GET("/webhooks/whatsapp", handler::verify)
                .POST("/webhooks/whatsapp", handler::receive)
                .build();
    }
}
