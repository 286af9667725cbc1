package dev.chatbot.web.config;

import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.limits.RequestLimitsFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** HTTP-level settings: body size, CORS allowlist for widget origins, per-client rate limit. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    CodecCustomizer bodySizeLimit(ChatbotProperties properties) {
        return configurer -> configurer.defaultCodecs().maxInMemorySize(properties.limits().maxBodyBytes());
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
        return new CorsWebFilter(source);
    }

    @Bean
    @Order(-50)
    RequestLimitsFilter requestLimitsFilter(ChatbotProperties properties, Clock clock) {
        return new RequestLimitsFilter(new RateLimiter(properties.limits().requestsPerClientPerMinute(), clock),
                properties.limits().maxBodyBytes());
    }
}
