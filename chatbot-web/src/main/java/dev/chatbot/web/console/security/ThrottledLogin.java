package dev.chatbot.web.console.security;

import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.offload.Offload;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The login form with {@link LoginThrottle} around it: {@link #addressGate} refuses a login from a locked address
 * before its form is even read, {@link #accountGate} one for a locked account before any password is checked,
 * {@link #failure} counts a failed one, {@link #success} clears the account's failures. A refused login goes back to
 * {@code /login?locked=<seconds>}, which says how long to wait, with {@code Retry-After}; the answer is held for
 * {@link #HOLD} (on a timer, no thread waits), so a script looping on the form slows to one try a second instead of
 * taking the event loops' time from everyone else.
 */
final class ThrottledLogin {

    static final String LOGIN = "/login";
    /** How long a refused login's answer is held. */
    static final Duration HOLD = Duration.ofSeconds(1);
    /** Refusals held at once at most; past that, they are answered at once (a held one costs a socket). */
    private static final int MAX_HELD = 1024;

    private final AtomicInteger held = new AtomicInteger();

    private final LoginThrottle throttle;
    private final ClientRequests clients;
    private final Offload offload;
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    ThrottledLogin(LoginThrottle throttle, ClientRequests clients, Offload offload) {
        this.throttle = throttle;
        this.clients = clients;
        this.offload = offload;
    }

    /** Runs before the CSRF check: a login from a locked address is refused without reading its form. */
    WebFilter addressGate() {
        return (exchange, chain) -> isLoginPost(exchange)
                ? offload.io(() -> throttle.addressLockedFor(address(exchange)))
                        .flatMap(lock -> lock.isZero() ? chain.filter(exchange) : locked(exchange, lock))
                : chain.filter(exchange);
    }

    /**
     * Runs before the form login, after {@link #addressGate} let the address through: a locked account does not reach
     * the password check.
     */
    WebFilter accountGate() {
        return (exchange, chain) -> isLoginPost(exchange)
                ? exchange.getFormData()
                        .flatMap(form -> offload.io(() -> throttle.accountLockedFor(form.getFirst("username"))))
                        .flatMap(lock -> lock.isZero() ? chain.filter(exchange) : locked(exchange, lock))
                : chain.filter(exchange);
    }

    ServerAuthenticationFailureHandler failure() {
        return (webFilterExchange, e) -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            return exchange.getFormData()
                    .flatMap(form -> offload.io(() -> throttle.failed(form.getFirst("username"), address(exchange))))
                    .flatMap(lock -> lock.isZero()
                            ? redirect.sendRedirect(exchange, URI.create(LOGIN + "?error"))
                            : locked(exchange, lock));
        };
    }

    ServerAuthenticationSuccessHandler success() {
        return (webFilterExchange, authentication) -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            return offload.io(() -> {
                        throttle.succeeded(authentication.getName());
                        return true;
                    })
                    .then(redirect.sendRedirect(exchange, URI.create("/console")));
        };
    }

    private Mono<Void> locked(ServerWebExchange exchange, Duration lock) {
        long seconds = Math.max(1, (lock.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Mono<Void> answer = redirect.sendRedirect(exchange, URI.create(LOGIN + "?locked=" + seconds));
        if (held.incrementAndGet() > MAX_HELD) {
            held.decrementAndGet();
            return answer;
        }
        return Mono.delay(HOLD).doFinally(signal -> held.decrementAndGet()).then(answer);
    }

    private static boolean isLoginPost(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod() == HttpMethod.POST
                && LOGIN.equals(
                        exchange.getRequest().getPath().pathWithinApplication().value());
    }

    /** The client's address (behind a trusted proxy, the one it forwards for; an IPv6 client as its /64). */
    private String address(ServerWebExchange exchange) {
        return clients.of(exchange);
    }
}
