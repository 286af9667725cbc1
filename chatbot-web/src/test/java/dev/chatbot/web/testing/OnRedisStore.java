package dev.chatbot.web.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a {@link WebTestBase} test class on the Redis store (the test Redis, under a key prefix of this run) instead
 * of the embedded one. Every class so marked shares one application context beside the embedded one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(
        properties = {
            "chatbot.store.kind=redis",
            "chatbot.store.redis-url=${" + WebTestBase.TEST_REDIS_URL + "}",
            "chatbot.store.redis-key-prefix=${" + WebTestBase.TEST_REDIS_PREFIX + "}"
        })
public @interface OnRedisStore {}
