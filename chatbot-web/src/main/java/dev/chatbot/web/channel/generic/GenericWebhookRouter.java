package dev.chatbot.web.channel.generic;

import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Route of the generic signed JSON webhook; without a configured secret it answers 404. */
@Configuration(proxyBeanMethods = false)
class GenericWebhookRouter {

    @Bean
    RouterFunction<ServerResponse> genericWebhookRoutes(
            ChatbotProperties properties, ChannelInbox inbox, JsonBodies json, Clock clock) {
        ChatbotProperties.Generic generic = properties.webhook().generic();
        if (!generic.enabled()) {
            return RouterFunctions.route()
                    .POST(
                            "/webhooks/generic",
                            request -> Mono.error(ApiException.notFound(
                                    "the generic webhook is not enabled: set CHATBOT_WEBHOOK_GENERIC_SECRET")))
                    .build();
        }
        GenericWebhookHandler handler =
                new GenericWebhookHandler(GenericWebhooks.signature(generic), inbox, json, clock);
        return RouterFunctions.route()
                .POST("/webhooks/generic", handler::receive)
                .build();
    }
}
