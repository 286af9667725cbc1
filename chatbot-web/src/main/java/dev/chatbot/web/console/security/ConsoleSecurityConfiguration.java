package dev.chatbot.web.console.security;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.ui.LoginPageGeneratingWebFilter;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Security of the agent console, and only of it: {@code /console/**}, {@code /api/v1/console/**}, {@code /login}
 * and {@code /logout}. Everything else (chat API, widget, webhooks, demo page, actuator, API docs) is outside
 * this chain and stays public. Agents log in with a form (session cookie); every change needs the CSRF token
 * (the console reads it from {@code /api/v1/console/me}). Each request checks the account in the store, so a
 * disabled agent or a changed role takes effect at once; the {@link #ADMIN_ONLY} routes need the ADMIN role.
 * Anonymous API calls get 401, wrong roles and missing CSRF tokens 403 (JSON); a browser opening the page is
 * sent to the login form.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class ConsoleSecurityConfiguration {

    private static final String API = "/api/v1/console";

    /** Path patterns of the console API that only ADMINs may use (accounts, insights, unmet needs, erasures). */
    public static final List<String> ADMIN_ONLY = List.of(API + "/agents", API + "/agents/**", API + "/insights",
            API + "/insights/**", API + "/unmet-needs", API + "/unmet-needs/**", API + "/erasures");

    /**
     * {@code patterns}, asked only when the raw path could match them. Every request (chat messages, webhooks)
     * passes this chain's matcher, and the pattern matchers parse the path and format debug messages each time;
     * a path with no percent-escape and no {@code ;} parameter is what the patterns see, so one without "console"
     * or "/log" (login, logout) cannot match and is answered at once. Escaped or parameterised paths
     * ({@code /c%6Fnsole}, {@code /console;x}) always go to the patterns, so they stay protected.
     */
    static ServerWebExchangeMatcher onlyPathsThatCanMatch(ServerWebExchangeMatcher patterns) {
        return exchange -> {
            String raw = exchange.getRequest().getPath().value();
            boolean plain = raw.indexOf('%') < 0 && raw.indexOf(';') < 0;
            if (plain && !raw.contains("console") && !raw.contains("/log")) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
            return patterns.matches(exchange);
        };
    }

    @Bean
    SecurityWebFilterChain consoleSecurity(ServerHttpSecurity http, AgentAccounts accounts) {
        ServerWebExchangeMatcher console = onlyPathsThatCanMatch(ServerWebExchangeMatchers.pathMatchers("/console",
                "/console/**", API, API + "/**", "/login", "/logout"));
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers(API, API + "/**");
        MediaTypeServerWebExchangeMatcher browser = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, JsonSecurityErrors.UNAUTHORIZED),
                new DelegateEntry(browser, new RedirectServerAuthenticationEntryPoint("/login")));
        entryPoint.setDefaultEntryPoint(JsonSecurityErrors.UNAUTHORIZED);
        // the chain's own entry point (401 for the API) stops Spring generating the login page: add it here
        LoginPageGeneratingWebFilter loginPage = new LoginPageGeneratingWebFilter();
        loginPage.setFormLoginEnabled(true);
        RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
        loggedOut.setLogoutSuccessUrl(URI.create("/login?logout"));
        return http
                .securityMatcher(console)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/login").permitAll()
                        .pathMatchers(ADMIN_ONLY.toArray(String[]::new)).access(activeAgent(accounts, Role.ADMIN))
                        .anyExchange().access(activeAgent(accounts, Role.AGENT, Role.ADMIN)))
                .formLogin(form -> form
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/console")))
                .addFilterAt(loginPage, SecurityWebFiltersOrder.LOGIN_PAGE_GENERATING)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(logout -> logout.logoutSuccessHandler(loggedOut))
                // the CSRF filter has its own refusal (text/plain "Access Denied"): answer in JSON like the rest
                .csrf(csrf -> csrf.accessDeniedHandler(JsonSecurityErrors.FORBIDDEN))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(JsonSecurityErrors.FORBIDDEN))
                .build();
    }

    /**
     * Requests the firewall refuses before any route sees them (encoded {@code ..}, {@code /}, {@code \\} or
     * {@code ;} in the path, NUL and other control characters, unknown methods), for every path, not only the
     * console's: 400 in the API's JSON error shape instead of an empty body.
     */
    @Bean
    ServerExchangeRejectedHandler jsonRejectedRequests() {
        return (exchange, e) -> {
            // and the connection is closed after it: after a refusal that followed a console 401 on the same
            // keep-alive connection, the next request on it sometimes got no answer at all (reproduced with curl
            // and java.net.http, ~1 in 6 tries); a client that sent a refused request reconnects instead
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return JsonSecurityErrors.write(exchange, HttpStatus.BAD_REQUEST, "bad_request",
                    "the request path, method or headers contain characters that are not allowed");
        };
    }

    /** Logged in (not anonymous), the account still enabled, and one of {@code roles}. */
    private static ReactiveAuthorizationManager<AuthorizationContext> activeAgent(AgentAccounts accounts,
                                                                                  Role... roles) {
        Set<Role> allowed = Set.of(roles);
        return (authentication, context) -> authentication
                .filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
                .flatMap(a -> MessagePipeline.blocking(() -> accounts.find(AgentId.of(a.getName()))
                        .filter(Agent::enabled).map(Agent::role).filter(allowed::contains).isPresent()))
                .map(granted -> (org.springframework.security.authorization.AuthorizationResult)
                        new AuthorizationDecision(granted))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** Logins are checked against the accounts in the console store (bcrypt hashes). */
    @Bean
    ReactiveUserDetailsService agentLogins(AgentAccounts accounts) {
        return username -> MessagePipeline.blocking(() -> {
            AgentId id;
            try {
                id = AgentId.of(username);
            } catch (IllegalArgumentException e) {
                return null;
            }
            return accounts.find(id).map(a -> User.withUsername(a.id().value()).password(a.passwordHash())
                    .roles(a.role().name()).disabled(!a.enabled()).build()).orElse(null);
        });
    }

}
