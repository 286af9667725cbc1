package dev.chatbot.web.console.insights;

import dev.chatbot.web.testing.OnRedisStore;

/** The trend charts again on the Redis store, where insights fold the logs. */
@OnRedisStore
class RedisTrendsApiTest extends TrendsApiTest {}
