package dev.chatbot.web.console;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.api.LiveEvents;
import dev.chatbot.web.channel.PlatformMedia;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Routes of the agent console: the page ({@code /console}) and its JSON API ({@code /api/v1/console/...}).
 * Every route here needs a logged-in agent ({@code ConsoleSecurityConfiguration}); {@code /agents} and changes to
 * {@code /teams} need ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRouter {

    static final String API = "/api/v1/console";

    /** The page may only load its own script and style, and talk to its own origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(
            AgentDesk desk,
            TranscriptStore store,
            ChannelStore channels,
            PlatformMedia platformMedia,
            AgentAccounts accounts,
            QueueSnapshots snapshots,
            ModelSlot modelSlot,
            LiveEvents live,
            JsonBodies json,
            Offload offload,
            ChatbotProperties properties) {
        Supplier<Map<IntentName, IntentDefinition>> faq =
                () -> modelSlot.current().faq();
        ConsoleHandler conversations = new ConsoleHandler(
                desk,
                store,
                channels,
                platformMedia,
                live,
                json,
                offload,
                faq,
                properties.limits().maxMessageLength());
        QueueHandler queue = new QueueHandler(desk, accounts, snapshots, faq, json, offload);
        AgentsHandler agents = new AgentsHandler(accounts, json, offload);
        TeamsHandler teams = new TeamsHandler(
                accounts, desk, json, offload, properties.limits().maxMessageLength());
        return RouterFunctions.route()
                .GET("/console", request -> page("console/index.html", MediaType.TEXT_HTML))
                .GET(
                        "/console/console.js",
                        request -> page("console/console.js", MediaType.parseMediaType("text/javascript")))
                .GET(
                        "/console/console.css",
                        request -> page("console/console.css", MediaType.parseMediaType("text/css")))
                .GET(
                        "/console/insights.js",
                        request -> page("console/insights.js", MediaType.parseMediaType("text/javascript")))
                .GET(API + "/me", agents::me)
                .POST(API + "/me/password", agents::changePassword)
                .POST(API + "/presence", agents::presence)
                .GET(API + "/queue", queue::queue)
                .GET(API + "/queue/stream", queue::queueStream)
                .POST(API + "/queue/claim-next", queue::claimNext)
                .GET(API + "/faq", queue::faq)
                .GET(API + "/conversations/{id}", conversations::conversation)
                .GET(API + "/conversations/{id}/stream", conversations::conversationStream)
                .GET(API + "/conversations/{id}/media/{messageId}", conversations::media)
                .POST(API + "/conversations/{id}/claim", conversations::claim)
                .POST(API + "/conversations/{id}/replies", conversations::reply)
                .POST(API + "/conversations/{id}/labels", conversations::label)
                .POST(API + "/conversations/{id}/not-covered", conversations::notCovered)
                .POST(API + "/conversations/{id}/resolve", conversations::resolve)
                .POST(API + "/conversations/{id}/hand-back", conversations::handBack)
                .POST(API + "/conversations/{id}/transfer", teams::transfer)
                .GET(API + "/teams", teams::teams)
                .POST(API + "/teams", teams::addTeam)
                .DELETE(API + "/teams/{name}", teams::removeTeam)
                .PUT(API + "/agents/{username}/routing", teams::setRouting)
                .GET(API + "/agents", agents::agents)
                .POST(API + "/agents", agents::addAgent)
                .POST(API + "/agents/{username}/disable", agents::disableAgent)
                .POST(API + "/agents/{username}/enable", agents::enableAgent)
                .POST(API + "/agents/{username}/password", agents::resetPassword)
                .build();
    }

    private static Mono<ServerResponse> page(String resource, MediaType type) {
        return ServerResponse.ok()
                .contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .bodyValue(new ClassPathResource(resource));
    }
}
