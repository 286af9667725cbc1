package dev.chatbot.web.console;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ModelSlot;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes of the agent console: the page ({@code /console}) and its JSON API ({@code /api/v1/console/...}).
 * Every route here needs a logged-in agent ({@code ConsoleSecurityConfiguration}); {@code /agents} needs ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRouter {

    static final String API = "/api/v1/console";

    /** The page may only load its own script and style, and talk to its own origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(AgentDesk desk, TranscriptStore store, AgentAccounts accounts,
                                                 QueueFeed feed, ModelSlot modelSlot, ChatbotProperties properties,
                                                 Clock clock, Offload offload) {
        ConsoleHandler handler = new ConsoleHandler(desk, store, accounts, feed, () -> modelSlot.current().faq(),
                properties.limits().maxMessageLength(), clock, offload);
        return RouterFunctions.route()
                .GET("/console", request -> page("console/index.html", MediaType.TEXT_HTML))
                .GET("/console/console.js", request -> page("console/console.js",
                        MediaType.parseMediaType("text/javascript")))
                .GET("/console/console.css", request -> page("console/console.css",
                        MediaType.parseMediaType("text/css")))
                .GET("/console/insights.js", request -> page("console/insights.js",
                        MediaType.parseMediaType("text/javascript")))
                .GET(API + "/me", handler::me)
                .POST(API + "/presence", handler::presence)
                .GET(API + "/queue", handler::queue)
                .GET(API + "/queue/stream", handler::queueStream)
                .POST(API + "/queue/claim-next", handler::claimNext)
                .GET(API + "/faq", handler::faq)
                .GET(API + "/conversations/{id}", handler::conversation)
                .GET(API + "/conversations/{id}/stream", handler::conversationStream)
                .POST(API + "/conversations/{id}/claim", handler::claim)
                .POST(API + "/conversations/{id}/replies", handler::reply)
                .POST(API + "/conversations/{id}/labels", handler::label)
                .POST(API + "/conversations/{id}/resolve", handler::resolve)
                .POST(API + "/conversations/{id}/hand-back", handler::handBack)
                .GET(API + "/agents", handler::agents)
                .POST(API + "/agents", handler::addAgent)
                .POST(API + "/agents/{username}/disable", handler::disableAgent)
                .POST(API + "/agents/{username}/enable", handler::enableAgent)
                .build();
    }

    private static reactor.core.publisher.Mono<ServerResponse> page(String resource, MediaType type) {
        return ServerResponse.ok().contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .bodyValue(new ClassPathResource(resource));
    }
}
