package dev.chatbot.web.console.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The console's login form ({@code GET /login}): user name, password, the CSRF token (kept in a cookie, so showing
 * the form creates no server session), and what happened last: a wrong password ({@code ?error}), a lockout after
 * too many failures ({@code ?locked=<seconds>}), or a logout ({@code ?logout}).
 */
final class LoginPage {

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'self'; " + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private LoginPage() {}

    static Mono<ServerResponse> render(ServerRequest request) {
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return csrf.map(token -> html(message(request), token))
                .defaultIfEmpty(html(message(request), null))
                .flatMap(page -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .bodyValue(page));
    }

    /** The notice for the query: {@code [css class, text]}, or null. */
    private static String[] message(ServerRequest request) {
        if (request.queryParam("locked").isPresent()) {
            long seconds;
            try {
                seconds =
                        Math.max(1, Long.parseLong(request.queryParam("locked").get()));
            } catch (NumberFormatException e) {
                seconds = 60;
            }
            return new String[] {
                "error", "Too many failed logins. Please wait " + waitingTime(seconds) + ", then try again."
            };
        }
        if (request.queryParam("error").isPresent()) {
            return new String[] {"error", "Wrong user name or password."};
        }
        if (request.queryParam("logout").isPresent()) {
            return new String[] {"info", "You have logged out."};
        }
        return null;
    }

    private static String waitingTime(long seconds) {
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }

    private static String html(String[] message, CsrfToken csrf) {
        String notice = message == null
                ? ""
                : "    <p class=\"" + message[0] + "\" role=\"alert\">" + HtmlUtils.htmlEscape(message[1]) + "</p>\n";
        String token = csrf == null
                ? ""
                : "      <input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName()) + "\" value=\""
                        + HtmlUtils.htmlEscape(csrf.getToken()) + "\">\n";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Log in &mdash; agent console</title>
                  <link rel="stylesheet" href="/login.css">
                </head>
                <body>
                  <main class="login">
                    <h1>Agent console</h1>
                %s    <form method="post" action="/login">
                      <label for="username">User name</label>
                      <input id="username" name="username" autocomplete="username" required autofocus>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                %s      <button type="submit">Log in</button>
                    </form>
                  </main>
                </body>
                </html>
                """.formatted(notice, token);
    }
}
