package dev.chatbot.web.console;

import static dev.chatbot.web.console.ConsoleRequests.agent;
import static dev.chatbot.web.console.ConsoleRequests.agentId;
import static dev.chatbot.web.console.ConsoleRequests.conversationId;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Team;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.error.Refusal;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Teams and routing: the teams with their members (every agent, for transfers), defining and removing teams and
 * putting agents in them (ADMIN), and transferring a conversation to a team or an agent with a note.
 */
final class TeamsHandler {

    private final AgentAccounts accounts;
    private final AgentDesk desk;
    private final JsonBodies json;
    private final Offload offload;
    private final int maxNoteLength;

    TeamsHandler(AgentAccounts accounts, AgentDesk desk, JsonBodies json, Offload offload, int maxNoteLength) {
        this.accounts = accounts;
        this.desk = desk;
        this.json = json;
        this.offload = offload;
        this.maxNoteLength = maxNoteLength;
    }

    /** Every team with its enabled members, and every enabled agent with their teams and languages. */
    Mono<ServerResponse> teams(ServerRequest request) {
        return offload.io(() -> {
                    List<Agent> agents =
                            accounts.all().stream().filter(Agent::enabled).toList();
                    List<Map<String, Object>> teams = accounts.teams().stream()
                            .map(t -> ConsoleViews.team(
                                    t,
                                    agents.stream()
                                            .filter(a -> a.teams().contains(t.name()))
                                            .map(a -> a.id().value())
                                            .toList()))
                            .toList();
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("teams", teams);
                    out.put("agents", agents.stream().map(ConsoleViews::routing).toList());
                    return out;
                })
                .flatMap(json::ok);
    }

    Mono<ServerResponse> addTeam(ServerRequest request) {
        return json.read(request, ConsoleViews.NewTeamRequest.class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("a JSON body with \"name\" is required")))
                .flatMap(body -> offload.io(() -> accounts.addTeam(body.name())))
                .flatMap(team -> json.status(HttpStatus.CREATED, ConsoleViews.team(team, List.of())));
    }

    Mono<ServerResponse> removeTeam(ServerRequest request) {
        String name = request.pathVariable("name");
        return offload.io(() -> {
                    accounts.removeTeam(name);
                    return Map.of("removed", name);
                })
                .flatMap(json::ok);
    }

    /** An admin puts an agent in exactly the given teams and records the languages they answer in. */
    Mono<ServerResponse> setRouting(ServerRequest request) {
        AgentId target = agentId(request.pathVariable("username"));
        return json.read(request, ConsoleViews.RoutingRequest.class)
                .switchIfEmpty(Mono.error(() ->
                        ApiException.badRequest("a JSON body with \"teams\" and \"languages\" (arrays) is required")))
                .flatMap(body -> offload.io(() -> accounts.setRouting(
                        target,
                        body.teams() == null ? Set.of() : Set.copyOf(body.teams()),
                        body.languages() == null ? Set.of() : Set.copyOf(body.languages()))))
                .flatMap(agent -> json.ok(ConsoleViews.routing(agent)));
    }

    /** The agent holding a conversation passes it on to a team or an agent (or an agent of a team) with a note. */
    Mono<ServerResponse> transfer(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(self -> json.read(request, ConsoleViews.TransferRequest.class)
                        .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                                "a JSON body with \"team\" or \"agent\", and \"note\", is required")))
                        .flatMap(body -> {
                            String team = body.team() == null || body.team().isBlank()
                                    ? null
                                    : body.team().strip();
                            AgentId to = body.agent() == null || body.agent().isBlank() ? null : agentId(body.agent());
                            if (team == null && to == null) {
                                return Mono.error(
                                        ApiException.badRequest("name a \"team\" or an \"agent\" to transfer to"));
                            }
                            String note = body.note() == null ? "" : body.note();
                            TextRefusedException.requireWithin(note, maxNoteLength);
                            return offload.io(() -> {
                                if (team != null
                                        && accounts.teams().stream()
                                                .map(Team::name)
                                                .noneMatch(team::equals)) {
                                    throw Refusal.invalid("no team named '" + team + "'");
                                }
                                if (to != null
                                        && !accounts.find(to)
                                                .map(Agent::enabled)
                                                .orElse(false)) {
                                    throw Refusal.invalid("no active agent named '" + to + "'");
                                }
                                if (self.equals(to) && team == null) {
                                    throw Refusal.invalid(
                                            "you hold this conversation already; transfer it to someone else");
                                }
                                desk.transfer(id, self, team, to, note);
                                Map<String, Object> out = new LinkedHashMap<>();
                                out.put("state", "QUEUED");
                                out.put("team", team);
                                out.put("agent", to == null ? null : to.value());
                                return out;
                            });
                        }))
                .flatMap(json::ok);
    }
}
