package dev.chatbot.web.lifecycle;

import dev.chatbot.lifecycle.Erasure;
import dev.chatbot.lifecycle.Exports;
import dev.chatbot.lifecycle.Retention;
import dev.chatbot.lifecycle.RetentionSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the data lifecycle over every store of the service ({@link Stores}): the daily retention sweep
 * ({@code chatbot.retention.*}), erasure and exports, and the ADMIN routes for erasure requests.
 */
@Configuration(proxyBeanMethods = false)
public class LifecycleConfiguration {

    static final String API = "/api/v1/console";

    @Bean
    Retention retention(Stores stores, ChatbotProperties properties, Clock clock) {
        return new Retention(
                stores.transcripts(),
                stores.conversationData(),
                RetentionSettings.days(properties.retention().days()),
                stores::scrub,
                clock);
    }

    @Bean(destroyMethod = "close")
    RetentionSweeper retentionSweeper(Retention retention, ChatbotProperties properties) {
        RetentionSweeper sweeper = new RetentionSweeper(retention);
        sweeper.start(
                properties.retention().firstSweepDelay(), properties.retention().sweepInterval());
        return sweeper;
    }

    @Bean
    Erasure erasure(Stores stores, Clock clock) {
        return new Erasure(stores.transcripts(), stores.channels(), stores.conversationData(), stores::scrub, clock);
    }

    @Bean
    Exports exports(Stores stores, Clock clock) {
        return new Exports(stores.transcripts(), stores.channels(), stores.conversationData(), clock);
    }

    @Bean
    RouterFunction<ServerResponse> erasureRoutes(Erasure erasure, Stores stores, JsonBodies json, Offload offload) {
        ErasureHandler handler = new ErasureHandler(erasure, stores.transcripts(), stores.channels(), json, offload);
        return RouterFunctions.route()
                .POST(API + "/erasures", handler::erase)
                .GET(API + "/erasures", handler::tombstones)
                .build();
    }
}
