package dev.chatbot.web.console.security.redis;

import dev.chatbot.store.StoreSettings;
import dev.chatbot.transcript.redis.RedisSettings;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * With the Redis store, console sessions live in Redis (Spring Session): hashes
 * {@code <prefix>:console:session:sessions:<id>}, expiring after {@code server.reactive.session.timeout} (30 min)
 * without use. Any instance serves any agent, and a restart logs nobody out. Only logged-in agents have a session
 * (anonymous visitors get none, see {@code ConsoleSecurityConfiguration}). With the embedded store, Spring Boot's
 * in-memory sessions stay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chatbot.store.kind", havingValue = "redis")
public class RedisConsoleSessions {

    /** A Spring Data Redis connection of its own, to the store's Redis; used for sessions only. */
    @Bean
    LettuceConnectionFactory consoleSessionRedis(StoreSettings settings) {
        RedisSettings redis = settings.redis();
        RedisURI uri = RedisURI.create(redis.url());
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        server.setDatabase(uri.getDatabase());
        if (uri.getUsername() != null) {
            server.setUsername(uri.getUsername());
        }
        if (uri.getPassword() != null) {
            server.setPassword(RedisPassword.of(uri.getPassword()));
        }
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client =
                LettuceClientConfiguration.builder().commandTimeout(redis.commandTimeout());
        if (uri.isSsl()) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(server, client.build());
    }

    @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager webSessionManager(
            LettuceConnectionFactory consoleSessionRedis, StoreSettings settings, Environment environment) {
        RedisSerializationContext<String, Object> serialization =
                RedisSerializationContext.<String, Object>newSerializationContext(
                                new JdkSerializationRedisSerializer(RedisConsoleSessions.class.getClassLoader()))
                        .key(RedisSerializer.string())
                        .hashKey(RedisSerializer.string())
                        .build();
        ReactiveRedisSessionRepository sessions =
                new ReactiveRedisSessionRepository(new ReactiveRedisTemplate<>(consoleSessionRedis, serialization));
        sessions.setRedisKeyNamespace(settings.redis().keyPrefix() + ":console:session");
        sessions.setDefaultMaxInactiveInterval(
                environment.getProperty("server.reactive.session.timeout", Duration.class, Duration.ofMinutes(30)));
        DefaultWebSessionManager manager = new DefaultWebSessionManager();
        manager.setSessionStore(new SpringSessionWebSessionStore<>(sessions));
        return manager;
    }
}
