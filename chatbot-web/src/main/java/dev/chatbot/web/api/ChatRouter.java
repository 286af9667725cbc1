package dev.chatbot.web.api;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.limits.ConcurrencyCaps;
import dev.chatbot.web.limits.OpenConversations;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.time.Clock;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the chat API, {@code /api/v1/conversations/...}, and what its handlers need. */
@Configuration(proxyBeanMethods = false)
class ChatRouter {

    @Bean
    ConversationTokens conversationTokens(ChatbotProperties properties, Clock clock) {
        String configured = properties.security().tokenKey();
        byte[] key = configured != null && !configured.isBlank()
                ? Base64.getDecoder().decode(configured.strip())
                : ConversationTokens.keyFile(properties.store().dataDir().resolve("token.key"));
        return new ConversationTokens(key, properties.security().tokenTimeToLive(), clock);
    }

    @Bean
    LiveEvents liveEvents(TranscriptStore store, Offload offload) {
        return new LiveEvents(store, offload);
    }

    @Bean
    RouterFunction<ServerResponse> chatRoutes(
            MessagePipeline pipeline,
            TranscriptStore store,
            ChannelStore channels,
            ConversationTokens tokens,
            LiveEvents live,
            JsonBodies json,
            Offload offload,
            ClientRequests clients,
            ChatbotProperties properties,
            Clock clock) {
        ChatbotProperties.Limits limits = properties.limits();
        ChatRequests requests = new ChatRequests(tokens, store, offload);
        RateLimiter perConversation = new RateLimiter(limits.messagesPerConversationPerMinute(), clock);
        ChatHandler chat = new ChatHandler(
                pipeline,
                requests,
                tokens,
                json,
                perConversation,
                new OpenConversations(limits.openConversationsPerAddress(), limits.openConversationWindow(), clock),
                clients,
                store,
                offload,
                limits.maxMessageLength());
        PhotoHandler photos =
                new PhotoHandler(pipeline, requests, channels, json, perConversation, clock, limits.maxPhotoBytes());
        ContactHandler contact = new ContactHandler(
                pipeline, requests, channels, json, perConversation, clock, limits.maxMessageLength());
        ChatEventsHandler events = new ChatEventsHandler(
                requests,
                store,
                live,
                json,
                offload,
                new ConcurrencyCaps(limits.streamsPerConversation()),
                new ConcurrencyCaps(limits.streamsPerAddress()),
                clients);
        return RouterFunctions.route()
                .path(
                        "/api/v1/conversations",
                        api -> api.POST("", chat::start)
                                .POST("/{id}/messages", chat::message)
                                .POST("/{id}/photos", photos::upload)
                                .POST("/{id}/contact", contact::leave)
                                .POST("/{id}/handoff", chat::handoff)
                                .POST("/{id}/feedback", chat::feedback)
                                .POST("/{id}/rating", chat::rating)
                                .GET("/{id}/events", events::events)
                                .GET("/{id}/stream", events::stream))
                .build();
    }
}
