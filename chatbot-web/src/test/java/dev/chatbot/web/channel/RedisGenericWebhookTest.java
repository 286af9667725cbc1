package dev.chatbot.web.channel;

import dev.chatbot.web.testing.OnRedisStore;

/** The generic signed webhook on the Redis store (every test of {@link GenericWebhookTest}). */
@OnRedisStore
class RedisGenericWebhookTest extends GenericWebhookTest {}
