package dev.chatbot.web.config;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.conversation.Routing;
import dev.chatbot.files.PrivateFiles;
import dev.chatbot.hours.HoursSource;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.intent.opennlp.OpenNlpLanguageDetector;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Turns {@link ChatbotProperties} into the core's objects: store, model ({@link ModelConfiguration}), policy,
 * conversation service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatbotProperties.class)
@Import(ModelConfiguration.class)
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Which backend, and its settings; every store of the service (transcripts, channels, console) uses it. */
    @Bean
    StoreSettings storeSettings(ChatbotProperties properties) throws IOException {
        PrivateFiles.directory(properties.store().dataDir()); // transcripts, accounts, addresses: owner only (0700)
        ChatbotProperties.Store store = properties.store();
        StoreSettings.Kind kind = StoreSettings.Kind.parse(store.kind());
        return switch (kind) {
            case EMBEDDED -> new StoreSettings(kind, new SqliteSettings(store.dataDir(), store.fsync()), null);
            case REDIS ->
                new StoreSettings(
                        kind,
                        null,
                        new RedisSettings(
                                store.redisUrl(),
                                store.redisKeyPrefix(),
                                store.redisCommandTimeout(),
                                RedisSettings.DEFAULT_MAX_RECONNECT_DELAY));
        };
    }

    /** The stores on one backend: one SQLite file or one Redis connection set-up; closed last. */
    @Bean(destroyMethod = "close")
    Stores stores(StoreSettings settings) {
        return Stores.open(settings);
    }

    /** Closed with the other stores ({@link Stores}). */
    @Bean(destroyMethod = "")
    TranscriptStore transcriptStore(Stores stores) {
        return stores.transcripts();
    }

    /** Readiness ({@code /actuator/health/readiness}) is DOWN while the store is unreachable (e.g. Redis restarting). */
    @Bean
    HealthIndicator storeHealthIndicator(TranscriptStore store) {
        return () -> store.reachable()
                ? Health.up().build()
                : Health.down()
                        .withDetail("store", "not reachable; requests are answered 503 until it is back")
                        .build();
    }

    @Bean
    ChatMetrics chatMetrics(MeterRegistry registry, TranscriptStore store) {
        return new ChatMetrics(registry, store);
    }

    @Bean
    Redactor redactor() {
        return Redactor.defaults();
    }

    @Bean
    EscalationPolicy escalationPolicy(ChatbotProperties properties, ModelSlot slot) {
        ChatbotProperties.Conversation c = properties.conversation();
        EscalationSettings settings = EscalationSettings.defaults()
                .withMinConfidence(c.minConfidence())
                .withClarifyMargin(c.clarifyMargin())
                .withMaxMisses(c.maxMisses());
        return new EscalationPolicy(settings, slot.current().faq());
    }

    @Bean
    ConversationService conversationService(
            ModelSlot modelSlot,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ChatbotProperties properties,
            Clock clock,
            ObjectProvider<HoursSource> hours) {
        ConversationSettings defaults = ConversationSettings.defaults();
        ChatbotProperties.Conversation c = properties.conversation();
        ConversationSettings settings = new ConversationSettings(
                        blankOr(c.escalationMessage(), defaults.escalationMessage()),
                        c.waitingMessage() == null ? defaults.waitingMessage() : c.waitingMessage(),
                        defaults.clarificationPrompt(),
                        properties.limits().maxMessageLength())
                .withOutOfHours(
                        properties.hours().outOfHoursMessage(),
                        properties.hours().closedMessage());
        // the opening hours in force (hours.OpeningHoursDesk); without them (this configuration on its own) always open
        return new ConversationService(
                modelSlot,
                policy,
                store,
                redactor,
                settings,
                clock,
                languages(properties),
                hours.getIfAvailable(() -> HoursSource.ALWAYS));
    }

    /**
     * Language detection (OpenNLP's detector, the model inside its jar, loaded once) unless switched off; the FAQ
     * covers its default language.
     */
    static LanguageDetector.Languages languages(ChatbotProperties properties) {
        ChatbotProperties.Languages l = properties.languages();
        LanguageDetector detector =
                l.detect() ? OpenNlpLanguageDetector.load(l.minLength(), l.minRatio()) : LanguageDetector.NONE;
        return new LanguageDetector.Languages(detector, l.defaultLanguage(), Set.of(l.defaultLanguage()));
    }

    @Bean
    AgentDesk agentDesk(TranscriptStore store, Redactor redactor, Clock clock, ChatbotProperties properties) {
        return new AgentDesk(
                store, redactor, clock, new Routing(properties.routing().overflowAfter()));
    }

    @Bean(destroyMethod = "close")
    Offload offload(ChatbotProperties properties) {
        return new Offload(
                properties.limits().classificationThreads(), properties.limits().classificationQueue());
    }

    @Bean
    MessagePipeline messagePipeline(ConversationService conversations, Offload offload, ChatMetrics metrics) {
        return new MessagePipeline(conversations, offload, metrics);
    }

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
