package dev.chatbot.web.channel;

import dev.chatbot.web.testing.OnRedisStore;

/** The WhatsApp and Telegram webhooks on the Redis store (every test of {@link PlatformWebhooksTest}). */
@OnRedisStore
class RedisPlatformWebhooksTest extends PlatformWebhooksTest {}
