package dev.chatbot.web.console.security;

import dev.chatbot.web.config.ChatbotProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may read the actuator: health and info stay public (load balancers, probes); everything else, above all
 * {@code /actuator/prometheus}, needs the scrape token ({@code Authorization: Bearer <chatbot.metrics.scrape-token>},
 * compared in constant time) unless it arrives on the separate management port ({@code management.server.port},
 * which an operator keeps off the public network). No session is read or made here.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain metricsSecurity(
            ServerHttpSecurity http, ChatbotProperties properties, Environment environment) {
        ServerWebExchangeMatcher patterns = ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**");
        ServerWebExchangeMatcher actuator = exchange -> {
            String raw = exchange.getRequest().getPath().value();
            boolean plain = raw.indexOf('%') < 0 && raw.indexOf(';') < 0;
            return plain && !raw.startsWith("/actuator")
                    ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : patterns.matches(exchange);
        };
        return http.securityMatcher(actuator)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyExchange()
                        .access(scraper(properties.metrics().scrapeToken(), environment)))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> refuse(exchange))
                        .accessDeniedHandler((exchange, e) -> refuse(exchange)))
                .build();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
        return JsonSecurityErrors.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "metrics need the scrape token (Authorization: Bearer <chatbot.metrics.scrape-token>) or the "
                        + "management port (management.server.port)");
    }

    private static ReactiveAuthorizationManager<AuthorizationContext> scraper(String token, Environment environment) {
        byte[] expected =
                token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        return (authentication, context) -> {
            ServerWebExchange exchange = context.getExchange();
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            boolean tokenGiven = expected != null
                    && header != null
                    && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(
                            expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
            return Mono.just(new AuthorizationDecision(tokenGiven || onManagementPort(exchange, environment)));
        };
    }

    /** Whether the request came in on a management port of its own (not the application's). */
    private static boolean onManagementPort(ServerWebExchange exchange, Environment environment) {
        String management = environment.getProperty("local.management.port");
        String server = environment.getProperty("local.server.port");
        java.net.InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return management != null
                && local != null
                && !management.equals(server)
                && Integer.toString(local.getPort()).equals(management);
    }
}
