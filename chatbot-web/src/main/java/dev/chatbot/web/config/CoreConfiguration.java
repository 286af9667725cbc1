package dev.chatbot.web.config;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.conversation.ModelSlot;
import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.model.PromotionNotices;
import dev.chatbot.model.redis.RedisPromotionNotices;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.web.api.ConversationTokens;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.metrics.TimedIntentClassifier;
import dev.chatbot.web.model.ModelHotSwap;
import dev.chatbot.web.model.ServingModel;
import dev.chatbot.web.model.ServingModelLoader;
import dev.chatbot.web.pipeline.MessagePipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Turns {@link ChatbotProperties} into the core's objects: store, model, policy, conversation service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatbotProperties.class)
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Which backend, and its settings; every store of the service (transcripts, channels, console) uses it. */
    @Bean
    StoreSettings storeSettings(ChatbotProperties properties) {
        ChatbotProperties.Store store = properties.store();
        StoreSettings.Kind kind = StoreSettings.Kind.parse(store.kind());
        return switch (kind) {
            case EMBEDDED -> new StoreSettings(kind, new SqliteSettings(store.dataDir(), store.fsync()), null);
            case REDIS -> new StoreSettings(kind, null, new RedisSettings(store.redisUrl(), store.redisKeyPrefix(),
                    store.redisCommandTimeout(), RedisSettings.DEFAULT_MAX_RECONNECT_DELAY));
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
        return () -> store.reachable() ? Health.up().build()
                : Health.down().withDetail("store", "not reachable; requests are answered 503 until it is back").build();
    }

    @Bean
    ChatMetrics chatMetrics(MeterRegistry registry, TranscriptStore store) {
        return new ChatMetrics(registry, store);
    }

    /**
     * The model the service answers with; {@link ModelHotSwap} replaces it when a new one is promoted. The slot is
     * the only holder of the loaded model (no bean of its own), so a replaced model, the first one included, is
     * released.
     */
    @Bean
    ModelSlot modelSlot(ChatbotProperties properties, ChatMetrics metrics) {
        ServingModel model = servingModel(properties);
        metrics.modelChanged(model.version());
        return new ModelSlot(new ModelSlot.Model(new TimedIntentClassifier(model.classifier(), metrics.classification()),
                model.faq()));
    }

    private static ServingModel servingModel(ChatbotProperties properties) {
        ServingModel model = ServingModelLoader.load(properties.model().dir(), properties.model().trainingData());
        if (!model.faq().isEmpty() || !Files.isDirectory(properties.model().trainingData())) {
            return model;
        }
        try { // a model trained from plain CSV has no answers: take them from the FAQ files
            return new ServingModel(model.classifier(),
                    TrainingDataLoader.load(properties.model().trainingData()).definitions());
        } catch (DataFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    ModelHotSwap modelHotSwap(ModelSlot slot, ChatMetrics metrics, ChatbotProperties properties, Stores stores) {
        PromotionNotices notices = stores.redis().map(RedisPromotionNotices::on).orElse(null);
        return new ModelHotSwap(slot, metrics, properties.model().dir(), properties.model().watchInterval(), notices);
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
    ConversationService conversationService(ModelSlot modelSlot, EscalationPolicy policy, TranscriptStore store,
                                            Redactor redactor, ChatbotProperties properties, Clock clock) {
        ConversationSettings defaults = ConversationSettings.defaults();
        ChatbotProperties.Conversation c = properties.conversation();
        ConversationSettings settings = new ConversationSettings(
                blankOr(c.escalationMessage(), defaults.escalationMessage()),
                c.waitingMessage() == null ? defaults.waitingMessage() : c.waitingMessage(),
                defaults.clarificationPrompt(), properties.limits().maxMessageLength());
        return new ConversationService(modelSlot, policy, store, redactor, settings, clock);
    }

    @Bean
    AgentDesk agentDesk(TranscriptStore store, Redactor redactor, Clock clock) {
        return new AgentDesk(store, redactor, clock);
    }

    @Bean(destroyMethod = "dispose")
    Scheduler classificationScheduler(ChatbotProperties properties) {
        return Schedulers.newBoundedElastic(properties.limits().classificationThreads(),
                properties.limits().classificationQueue(), "classify");
    }

    @Bean
    MessagePipeline messagePipeline(ConversationService conversations, Scheduler classificationScheduler,
                                    ChatMetrics metrics) {
        return new MessagePipeline(conversations, classificationScheduler, metrics);
    }

    @Bean
    ConversationTokens conversationTokens(ChatbotProperties properties) {
        String configured = properties.security().tokenKey();
        if (configured != null && !configured.isBlank()) {
            return new ConversationTokens(Base64.getDecoder().decode(configured.strip()));
        }
        return new ConversationTokens(generatedKey(properties.store().dataDir().resolve("token.key")));
    }

    /** A random key kept in the data dir, so tokens survive restarts; several instances must configure one. */
    private static byte[] generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                // a secret: created readable by the service's user only, like the database beside it
                try (var out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    out.write(ByteBuffer.wrap(Base64.getEncoder().encode(key)));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process wrote it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        }
    }

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

}
