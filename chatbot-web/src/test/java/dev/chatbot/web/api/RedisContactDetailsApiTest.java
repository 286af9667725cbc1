package dev.chatbot.web.api;

import dev.chatbot.web.testing.OnRedisStore;

/** The leave-a-message form's API on the Redis store (every test of {@link ContactDetailsApiTest}). */
@OnRedisStore
class RedisContactDetailsApiTest extends ContactDetailsApiTest {}
