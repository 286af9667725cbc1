package dev.chatbot.web.console.security;

import dev.chatbot.store.Stores;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.console.security.redis.RedisLoginFailures;
import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.offload.Offload;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Security of the agent console, and only of it: {@code /console/**}, {@code /api/v1/console/**}, {@code /login}
 * and {@code /logout}. Everything else (chat API, widget, webhooks, demo page, actuator, API docs) is outside
 * this chain and stays public (the actuator has {@link MetricsSecurityConfiguration}). Agents log in with a form
 * (session cookie, issued only at login: anonymous visitors get no server session); logins are throttled per
 * account and per address ({@link LoginThrottle}); every change needs the CSRF token (kept in a cookie; the console
 * reads it from {@code /api/v1/console/me}). Each request checks the account in the store, so a disabled agent or
 * a changed role takes effect at once; the {@link #ADMIN_ONLY} routes need the ADMIN role, and an agent whose
 * password must be changed can do nothing else first. Anonymous API calls get 401, wrong roles and missing CSRF
 * tokens 403 (JSON); a browser opening the page is sent to the login form.
 *
 * <p>Over 250 lines: the console's whole security chain (routes, roles, login, throttling, CSRF) reads in one place.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class ConsoleSecurityConfiguration {

    private static final String API = "/api/v1/console";

    /**
     * Path patterns of the console API that only ADMINs may use (accounts, insights, unmet needs, erasures, opening
     * hours).
     */
    public static final List<String> ADMIN_ONLY = List.of(
            API + "/agents",
            API + "/agents/**",
            API + "/insights",
            API + "/insights/**",
            API + "/unmet-needs",
            API + "/unmet-needs/**",
            API + "/erasures",
            API + "/hours");

    /** Path patterns every agent may read but only ADMINs may change (POST, PUT, DELETE): the teams. */
    public static final List<String> ADMIN_CHANGES = List.of(API + "/teams", API + "/teams/**");

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
    SecurityWebFilterChain consoleSecurity(
            ServerHttpSecurity http,
            AgentAccounts accounts,
            LoginThrottle throttle,
            ClientRequests clients,
            Offload offload) {
        ServerWebExchangeMatcher console = onlyPathsThatCanMatch(ServerWebExchangeMatchers.pathMatchers(
                "/console", "/console/**", API, API + "/**", "/login", "/logout"));
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers(API, API + "/**");
        MediaTypeServerWebExchangeMatcher browser = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, JsonSecurityErrors.UNAUTHORIZED),
                new DelegateEntry(browser, new RedirectServerAuthenticationEntryPoint("/login")));
        entryPoint.setDefaultEntryPoint(JsonSecurityErrors.UNAUTHORIZED);
        RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
        loggedOut.setLogoutSuccessUrl(URI.create("/login?logout"));
        ThrottledLogin login = new ThrottledLogin(throttle, clients, offload);
        return http.securityMatcher(console)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(ThrottledLogin.LOGIN)
                        .permitAll()
                        .pathMatchers(ADMIN_ONLY.toArray(String[]::new))
                        .access(activeAgent(accounts, offload, Role.ADMIN))
                        .pathMatchers(HttpMethod.POST, ADMIN_CHANGES.toArray(String[]::new))
                        .access(activeAgent(accounts, offload, Role.ADMIN))
                        .pathMatchers(HttpMethod.PUT, ADMIN_CHANGES.toArray(String[]::new))
                        .access(activeAgent(accounts, offload, Role.ADMIN))
                        .pathMatchers(HttpMethod.DELETE, ADMIN_CHANGES.toArray(String[]::new))
                        .access(activeAgent(accounts, offload, Role.ADMIN))
                        .anyExchange()
                        .access(activeAgent(accounts, offload, Role.AGENT, Role.ADMIN)))
                // the form is LoginPage's (it tells a wrong password from a lockout); no generated page
                .formLogin(form -> form.loginPage(ThrottledLogin.LOGIN)
                        .authenticationEntryPoint(entryPoint)
                        .authenticationSuccessHandler(login.success())
                        .authenticationFailureHandler(login.failure()))
                .addFilterBefore(login.addressGate(), SecurityWebFiltersOrder.CSRF)
                .addFilterBefore(login.accountGate(), SecurityWebFiltersOrder.FORM_LOGIN)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(logout -> logout.logoutSuccessHandler(loggedOut))
                // no server session before a login: the CSRF token lives in a cookie (not the session), and a
                // page asked for anonymously is not remembered (a login always leads to /console)
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieServerCsrfTokenRepository())
                        // its own refusal is text/plain "Access Denied": answer in JSON like the rest
                        .accessDeniedHandler(JsonSecurityErrors.FORBIDDEN))
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(JsonSecurityErrors.FORBIDDEN))
                .build();
    }

    /** The login form (GET; the POST is Spring Security's form login) and its style sheet (public). */
    @Bean
    RouterFunction<ServerResponse> loginPage() {
        return RouterFunctions.route()
                .GET(ThrottledLogin.LOGIN, LoginPage::render)
                .GET(
                        "/login.css",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.parseMediaType("text/css"))
                                .bodyValue(new org.springframework.core.io.ClassPathResource("console/login.css")))
                .build();
    }

    /** Failed logins: in Redis with the Redis store (every instance counts together), else in memory. */
    @Bean
    LoginFailures loginFailures(Stores stores, Clock clock) {
        return stores.redis()
                .<LoginFailures>map(RedisLoginFailures::new)
                .orElseGet(() -> new MemoryLoginFailures(clock));
    }

    @Bean
    LoginThrottle loginThrottle(LoginFailures failures, ChatbotProperties properties) {
        ChatbotProperties.Login login = properties.console().login();
        Duration remember = Duration.ofHours(1).compareTo(login.maxLockout()) > 0
                ? Duration.ofHours(1)
                : login.maxLockout().multipliedBy(2);
        return new LoginThrottle(
                failures,
                new LoginThrottle.Policy(login.accountFailures(), login.firstLockout(), login.maxLockout(), remember),
                new LoginThrottle.Policy(login.addressFailures(), login.firstLockout(), login.maxLockout(), remember));
    }

    /**
     * Requests the firewall refuses before any route sees them (encoded {@code ..}, {@code /}, {@code \\} or
     * {@code ;} in the path, NUL and other control characters, unknown methods), for every path, not only the
     * console's: 400 in the API's JSON error shape instead of an empty body.
     */
    @Bean
    ServerExchangeRejectedHandler jsonRejectedRequests() {
        return (exchange, e) -> {
            // and the connection is closed after it: a client that sends such requests reconnects
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return JsonSecurityErrors.write(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "bad_request",
                    "the request path, method or headers contain characters that are not allowed");
        };
    }

    /**
     * Logged in (not anonymous), the account still enabled, and one of {@code roles}. An agent who must change
     * their password may only load the console and change it ({@link #PASSWORD_CHANGE_ROUTES}); anything else is
     * refused with {@code password_change_required}.
     */
    private static ReactiveAuthorizationManager<AuthorizationContext> activeAgent(
            AgentAccounts accounts, Offload offload, Role... roles) {
        Set<Role> allowed = Set.of(roles);
        return (authentication, context) -> authentication
                .filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
                .flatMap(a -> offload.io(() -> accounts.find(AgentId.of(a.getName()))
                        .filter(Agent::enabled)
                        .filter(agent -> allowed.contains(agent.role()))
                        .map(agent -> !agent.mustChangePassword() || passwordChangeRoute(context.getExchange()))
                        .orElse(false)))
                .map(granted -> (org.springframework.security.authorization.AuthorizationResult)
                        new AuthorizationDecision(granted))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** What an agent who must change their password may still use: the page, who they are, the change itself. */
    static final List<String> PASSWORD_CHANGE_ROUTES = List.of(
            "GET /console",
            "GET /console/console.js",
            "GET /console/console.css",
            "GET /console/insights.js",
            "GET " + API + "/me",
            "POST " + API + "/me/password");

    private static boolean passwordChangeRoute(org.springframework.web.server.ServerWebExchange exchange) {
        String route = exchange.getRequest().getMethod().name() + " "
                + exchange.getRequest().getPath().pathWithinApplication().value();
        if (PASSWORD_CHANGE_ROUTES.contains(route)) {
            return true;
        }
        exchange.getAttributes().put(JsonSecurityErrors.PASSWORD_CHANGE_REQUIRED, Boolean.TRUE);
        return false;
    }

    /** Logins are checked against the accounts in the console store (bcrypt hashes). */
    @Bean
    ReactiveUserDetailsService agentLogins(AgentAccounts accounts, Offload offload) {
        return username -> offload.io(() -> {
            AgentId id;
            try {
                id = AgentId.of(username);
            } catch (IllegalArgumentException e) {
                return null;
            }
            return accounts.find(id)
                    .map(a -> User.withUsername(a.id().value())
                            .password(a.passwordHash())
                            .roles(a.role().name())
                            .disabled(!a.enabled())
                            .build())
                    .orElse(null);
        });
    }
}
