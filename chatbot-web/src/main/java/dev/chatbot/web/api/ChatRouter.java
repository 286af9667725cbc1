package dev.chatbot.web.api;

import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the chat API, {@code /api/v1/conversations/...}. */
@Configuration(proxyBeanMethods = false)
class ChatRouter {

    @Bean
    ChatHandler chatHandler(MessagePipeline pipeline, TranscriptStore store, ConversationTokens tokens,
                            ChatbotProperties properties, Clock clock, Offload offload) {
        return new ChatHandler(pipeline, store, tokens,
                new RateLimiter(properties.limits().messagesPerConversationPerMinute(), clock),
                properties.limits().maxMessageLength(), offload);
    }

    @Bean
    RouterFunction<ServerResponse> chatRoutes(ChatHandler handler) {
        return RouterFunctions.route()
                .path("/api/v1/conversations", api -> api
                        .POST("", handler::start)
                        .POST("/{id}/messages", handler::message)
                        .POST("/{id}/handoff", handler::handoff)
                        .POST("/{id}/feedback", handler::feedback)
                        .GET("/{id}/events", handler::events)
                        .GET("/{id}/stream", handler::stream))
                .build();
    }
}
