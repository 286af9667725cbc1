package dev.chatbot.web.hours;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Opening hours: the hours in force for the conversation service and the watcher, the console's
 * {@code /api/v1/console/hours} (ADMIN, see {@code ConsoleSecurityConfiguration}) and the public
 * {@code /api/v1/availability} the widget asks.
 */
@Configuration(proxyBeanMethods = false)
class HoursRouter {

    @Bean
    OpeningHoursDesk openingHoursDesk(
            ConsoleStore store, AgentAccounts accounts, ChatbotProperties properties, Clock clock) {
        ChatbotProperties.Hours hours = properties.hours();
        OpeningHours configured = hours.configured()
                ? OpeningHours.parse(hours.zone(), hours.weekly(), hours.exceptions())
                : OpeningHours.always();
        return new OpeningHoursDesk(store, configured, accounts, clock);
    }

    @Bean
    RouterFunction<ServerResponse> hoursRoutes(OpeningHoursDesk desk, JsonBodies json, Offload offload) {
        HoursHandler handler = new HoursHandler(desk, json, offload);
        return RouterFunctions.route()
                .GET("/api/v1/availability", handler::availability)
                .GET("/api/v1/console/hours", handler::hours)
                .PUT("/api/v1/console/hours", handler::saveHours)
                .build();
    }
}
