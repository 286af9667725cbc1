package dev.chatbot.web.console.insights;

import dev.chatbot.insights.Containment;
import dev.chatbot.insights.Insights;
import dev.chatbot.insights.InsightsSource;
import dev.chatbot.insights.LogInsightsSource;
import dev.chatbot.insights.Trends;
import dev.chatbot.insights.sqlite.SqliteInsightsSource;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.lifecycle.Exports;
import dev.chatbot.model.ModelFamilies;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.store.Stores;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires insights and unmet needs into the console. Their routes sit under {@code /api/v1/console} and are for
 * ADMINs only ({@code ConsoleSecurityConfiguration.ADMIN_ONLY}).
 */
@Configuration(proxyBeanMethods = false)
public class InsightsConfiguration {

    static final String API = "/api/v1/console";

    /** The embedded database counts by itself; any other store's logs are read and folded. */
    @Bean
    InsightsSource insightsSource(Stores stores) {
        return stores.database()
                .<InsightsSource>map(SqliteInsightsSource::new)
                .orElseGet(() -> new LogInsightsSource(stores.transcripts()));
    }

    @Bean
    UnmetNeedsDesk unmetNeedsDesk(InsightsSource source, ModelSlot slot, ChatbotProperties properties) {
        ChatbotProperties.Learning learning = properties.learning();
        Path trainingData = properties.model().trainingData();
        Path intentsDir = learning.intentsDir() != null ? learning.intentsDir() : trainingData.resolve("intents");
        Supplier<UnmetNeeds> grouping = new Supplier<>() {
            private volatile UnmetNeeds needs; // the encoder loads on first use, not at start

            @Override
            public UnmetNeeds get() {
                if (needs == null) {
                    try {
                        needs = new UnmetNeeds(
                                ModelFamilies.encoder(ModelFamilies.DEFAULT_ENCODER, null),
                                learning.unmetSimilarity(),
                                learning.unmetMinSize(),
                                3000);
                    } catch (ModelLoadException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
                return needs;
            }
        };
        return new UnmetNeedsDesk(
                source,
                grouping,
                () -> Set.copyOf(slot.current().faq().keySet()),
                trainingData,
                intentsDir,
                properties.limits().maxMessageLength());
    }

    @Bean
    Insights insights(
            InsightsSource source,
            UnmetNeedsDesk unmet,
            ChatbotProperties properties,
            Clock clock,
            dev.chatbot.hours.HoursSource hours) {
        Path modelDir = properties.model().dir().toAbsolutePath().normalize();
        Path root = modelDir.getParent();
        // only a real repository (with its "current" link) is listed, never the siblings of a stray model directory
        ModelRepository models = root != null && Files.isSymbolicLink(root.resolve(ModelRepository.CURRENT))
                ? new ModelRepository(root)
                : null;
        return new Insights(
                source,
                models,
                unmet::knownIntents,
                new Containment(properties.learning().reopenWindow()),
                clock,
                hours);
    }

    @Bean
    Trends trends(InsightsSource source, ChatbotProperties properties, Clock clock) {
        return new Trends(source, new Containment(properties.learning().reopenWindow()), clock);
    }

    @Bean
    RouterFunction<ServerResponse> insightsRoutes(
            Insights insights,
            Trends trends,
            UnmetNeedsDesk unmet,
            Exports exports,
            Clock clock,
            dev.chatbot.hours.HoursSource hours,
            JsonBodies json,
            Offload offload) {
        InsightsHandler handler = new InsightsHandler(insights, unmet, exports, clock, hours, json, offload);
        TrendsHandler charts = new TrendsHandler(trends, clock, hours, json, offload);
        return RouterFunctions.route()
                .GET(API + "/insights", handler::insights)
                .GET(API + "/insights/trends", charts::trends)
                .GET(API + "/insights/trends/{chart}.csv", charts::chartCsv)
                .GET(API + "/insights/export.csv", handler::exportCsv)
                .GET(API + "/unmet-needs", handler::unmetNeeds)
                .POST(API + "/unmet-needs/{group}/intent", handler::createIntent)
                .build();
    }
}
