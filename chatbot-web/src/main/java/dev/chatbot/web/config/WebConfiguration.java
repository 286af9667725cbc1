package dev.chatbot.web.config;

import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.limits.RequestLimitsFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * HTTP-level settings: body size, strict JSON types, the API's JSON bodies, CORS allowlist for widget origins,
 * per-client rate limit.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** The API's JSON bodies, read and written with the strict mapper below and the body limit. */
    @Bean
    JsonBodies jsonBodies(JsonMapper json, ChatbotProperties properties) {
        return new JsonBodies(json, properties.limits().maxBodyBytes());
    }

    @Bean
    CodecCustomizer bodySizeLimit(ChatbotProperties properties) {
        return configurer ->
                configurer.defaultCodecs().maxInMemorySize(properties.limits().maxBodyBytes());
    }

    /**
     * JSON request bodies are read as typed, without Jackson's default conversions between scalars: a number or
     * boolean is not a string ({@code {"text": 5}} is refused rather than read as "5"), only {@code true} and
     * {@code false} are booleans (not "yes", "true", "" or 1), and a string or boolean is not a number. A whole
     * number still reads as a fraction and null still reads as absent. The refusal names the field
     * ({@code JsonErrorHandler}). This is Spring's {@code JsonMapper}, which the codecs read every API body with;
     * the generic webhook parses its signed raw body and checks the node types itself, and the WhatsApp and
     * Telegram payloads are the platforms' (Telegram's chat id is a number) and are not affected.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder.withCoercionConfig(
                        LogicalType.Textual,
                        text -> refuse(
                                text, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        bool -> refuse(
                                bool,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float))
                .withCoercionConfig(
                        LogicalType.Integer,
                        whole -> refuse(
                                whole,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Boolean,
                                CoercionInputShape.Float))
                .withCoercionConfig(
                        LogicalType.Float,
                        number -> refuse(
                                number,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Boolean));
    }

    /** Makes {@code config} refuse (fail on) every one of {@code shapes}. */
    private static void refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }

    @Bean
    @Order(-100)
    CorsWebFilter corsWebFilter(ChatbotProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/conversations/**", cors);
        source.registerCorsConfiguration("/api/v1/conversations", cors);
        source.registerCorsConfiguration("/api/v1/availability", cors);
        return new CorsWebFilter(source);
    }

    /** Who the client is: the connecting address, or behind a trusted proxy the one it forwards for. */
    @Bean
    ClientRequests clientRequests(ChatbotProperties properties) {
        return new ClientRequests(properties.limits().trustedProxies());
    }

    @Bean
    @Order(-50)
    RequestLimitsFilter requestLimitsFilter(ChatbotProperties properties, ClientRequests clients, Clock clock) {
        return new RequestLimitsFilter(
                new RateLimiter(properties.limits().requestsPerClientPerMinute(), clock),
                clients,
                properties.limits().maxBodyBytes(),
                properties.limits().maxPhotoBytes());
    }
}
