package dev.chatbot.web.api;

import dev.chatbot.web.testing.OnRedisStore;

/** The widget's photo upload on the Redis store (every test of {@link PhotoUploadTest}). */
@OnRedisStore
class RedisPhotoUploadTest extends PhotoUploadTest {}
