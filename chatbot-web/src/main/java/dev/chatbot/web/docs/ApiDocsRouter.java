package dev.chatbot.web.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the OpenAPI document at {@code /v3/api-docs}. It is written by hand ({@code openapi.json}) because
 * the API is a contract (DESIGN.md §7); a test checks that it lists every route.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRouter {

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        ClassPathResource document = new ClassPathResource("openapi.json");
        return RouterFunctions.route()
                .GET(
                        "/v3/api-docs",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(document))
                .build();
    }
}
