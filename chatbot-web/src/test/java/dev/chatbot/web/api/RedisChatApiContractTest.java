package dev.chatbot.web.api;

import dev.chatbot.web.testing.OnRedisStore;

/** The chat API's contract on the Redis store (every test of {@link ChatApiContractTest}). */
@OnRedisStore
class RedisChatApiContractTest extends ChatApiContractTest {}
