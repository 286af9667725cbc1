package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.api.ConversationTokens;
import dev.chatbot.web.channel.generic.GenericCallbackChannel;
import dev.chatbot.web.channel.generic.GenericWebhooks;
import dev.chatbot.web.channel.telegram.TelegramChannel;
import dev.chatbot.web.channel.whatsapp.WhatsAppChannel;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the messaging channels: their store (the embedded database or Redis, like the transcripts), the outbox relay and worker. */
@Configuration(proxyBeanMethods = false)
public class ChannelConfiguration {

    /** Opened with the other stores ({@code Stores}), and closed with them. */
    @Bean(destroyMethod = "")
    ChannelStore channelStore(Stores stores) {
        return stores.channels();
    }

    @Bean
    ChannelConversations channelConversations(
            TranscriptStore store, ChannelStore channels, ConversationTokens tokens, Clock clock) {
        return new ChannelConversations(store, channels, tokens, clock);
    }

    @Bean
    ChannelInbox channelInbox(
            ChannelConversations conversations,
            dev.chatbot.conversation.ConversationService service,
            ChannelStore channels,
            MessagePipeline pipeline,
            Offload offload,
            ChatbotProperties properties,
            Clock clock) {
        return new ChannelInbox(
                conversations,
                service::rate,
                channels,
                pipeline,
                offload,
                properties.webhook().maxMessageLength(),
                new RateLimiter(properties.limits().messagesPerChannelUserPerMinute(), clock),
                clock);
    }

    /** Fetches customers' files from WhatsApp and Telegram when an agent opens them. */
    @Bean
    PlatformMedia platformMedia(ChatbotProperties properties) {
        ChatbotProperties.Webhook webhook = properties.webhook();
        return new PlatformMedia(
                webhook.whatsapp(), webhook.telegram(), webhook.delivery().timeout());
    }

    /** The channels that send to their users through the outbox (delivery worker), one sender each. */
    @Bean
    List<OutboundChannel> outboundChannels(ChatbotProperties properties, Clock clock) {
        ChatbotProperties.Webhook webhook = properties.webhook();
        HttpPoster http = new HttpPoster(webhook.delivery().timeout());
        return List.of(
                new GenericCallbackChannel(
                        webhook.generic().callbackUrl(), GenericWebhooks.signature(webhook.generic()), http, clock),
                new WhatsAppChannel(webhook.whatsapp(), http),
                new TelegramChannel(webhook.telegram(), http));
    }

    @Bean(destroyMethod = "close")
    OutboundRelay outboundRelay(
            TranscriptStore store, ChannelStore channels, List<OutboundChannel> senders, Clock clock) {
        Set<String> outbox = senders.stream().map(OutboundChannel::name).collect(Collectors.toUnmodifiableSet());
        OutboundRelay relay = new OutboundRelay(store, channels, outbox, Set.of("generic"), clock);
        relay.start();
        return relay;
    }

    @Bean(destroyMethod = "close")
    DeliveryWorker deliveryWorker(
            ChatbotProperties properties,
            ChannelStore channels,
            List<OutboundChannel> senders,
            ChatMetrics metrics,
            Clock clock) {
        ChatbotProperties.Delivery delivery = properties.webhook().delivery();
        DeliveryWorker worker =
                new DeliveryWorker(channels, senders, delivery.initialBackoff(), delivery.maxBackoff(), metrics, clock);
        metrics.deliveryPending(channels::pendingCount);
        worker.start(delivery.pollInterval());
        return worker;
    }
}
