package dev.chatbot.web.console;

import static dev.chatbot.web.console.ConsoleRequests.agent;
import static dev.chatbot.web.console.ConsoleRequests.agentId;
import static dev.chatbot.web.console.ConsoleRequests.parse;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The console's agents: who is logged in and their presence, and the accounts (ADMIN). */
final class AgentsHandler {

    private final AgentAccounts accounts;
    private final JsonBodies json;
    private final Offload offload;

    AgentsHandler(AgentAccounts accounts, JsonBodies json, Offload offload) {
        this.accounts = accounts;
        this.json = json;
        this.offload = offload;
    }

    /** Who is logged in, their role and presence, and the CSRF token the console sends on every change. */
    Mono<ServerResponse> me(ServerRequest request) {
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return agent(request)
                .flatMap(id -> offload.io(() -> accounts.find(id).orElseThrow())
                        .zipWith(offload.io(() -> accounts.status(id)))
                        .zipWith(csrf.map(t -> Map.of("headerName", t.getHeaderName(), "token", t.getToken()))
                                .defaultIfEmpty(Map.of()))
                        .flatMap(t -> {
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("username", id.value());
                            out.put("role", t.getT1().getT1().role().name());
                            out.put("mustChangePassword", t.getT1().getT1().mustChangePassword());
                            out.put("status", t.getT1().getT2().name());
                            out.put("csrf", t.getT2());
                            return json.ok(out);
                        }));
    }

    /** The agent changes their own password (also the way out of a forced change). */
    Mono<ServerResponse> changePassword(ServerRequest request) {
        return agent(request)
                .flatMap(id -> json.read(request, ConsoleViews.PasswordChangeRequest.class)
                        .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                                "a JSON body with \"currentPassword\" and \"newPassword\" is required")))
                        .flatMap(body -> offload.io(
                                () -> accounts.changePassword(id, body.currentPassword(), body.newPassword()))))
                .flatMap(agent -> json.ok(ConsoleViews.agent(agent, false)));
    }

    Mono<ServerResponse> presence(ServerRequest request) {
        return agent(request)
                .flatMap(id -> json.read(request, ConsoleViews.PresenceRequest.class)
                        .switchIfEmpty(
                                Mono.error(() -> ApiException.badRequest("a JSON body with \"status\" is required")))
                        .flatMap(body -> {
                            Presence.Status status =
                                    parse(Presence.Status.class, body.status(), "status", "ONLINE or AWAY");
                            return offload.io(() -> {
                                accounts.report(id, status);
                                return Map.of("username", id.value(), "status", status.name());
                            });
                        }))
                .flatMap(json::ok);
    }

    Mono<ServerResponse> agents(ServerRequest request) {
        return offload.io(() -> {
                    Set<AgentId> online = Set.copyOf(accounts.online());
                    return accounts.all().stream()
                            .map(a -> ConsoleViews.agent(a, online.contains(a.id())))
                            .toList();
                })
                .flatMap(json::ok);
    }

    Mono<ServerResponse> addAgent(ServerRequest request) {
        return json.read(request, ConsoleViews.NewAgentRequest.class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                        "a JSON body with \"username\", \"password\" and \"role\" is required")))
                .flatMap(body -> {
                    AgentId id = agentId(body.username());
                    Role role =
                            body.role() == null ? Role.AGENT : parse(Role.class, body.role(), "role", "AGENT or ADMIN");
                    boolean mustChange = Boolean.TRUE.equals(body.mustChangePassword());
                    return offload.io(() -> accounts.add(id, body.password(), role, mustChange));
                })
                .flatMap(agent -> json.status(HttpStatus.CREATED, ConsoleViews.agent(agent, false)));
    }

    /** An admin sets another agent's password; that agent must change it at their next login. */
    Mono<ServerResponse> resetPassword(ServerRequest request) {
        AgentId target = agentId(request.pathVariable("username"));
        return json.read(request, ConsoleViews.PasswordResetRequest.class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("a JSON body with \"password\" is required")))
                .flatMap(body -> offload.io(() -> accounts.resetPassword(target, body.password())))
                .flatMap(agent -> json.ok(ConsoleViews.agent(agent, false)));
    }

    Mono<ServerResponse> disableAgent(ServerRequest request) {
        return setEnabled(request, false);
    }

    Mono<ServerResponse> enableAgent(ServerRequest request) {
        return setEnabled(request, true);
    }

    private Mono<ServerResponse> setEnabled(ServerRequest request, boolean enabled) {
        AgentId target = agentId(request.pathVariable("username"));
        return agent(request)
                .flatMap(self -> {
                    if (!enabled && self.equals(target)) {
                        return Mono.error(
                                new ApiException(HttpStatus.CONFLICT, "conflict", "you cannot disable yourself"));
                    }
                    return offload.io(() -> accounts.setEnabled(target, enabled));
                })
                .flatMap(agent -> json.ok(ConsoleViews.agent(agent, false)));
    }
}
