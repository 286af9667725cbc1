package dev.chatbot.web.server;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The HTTP server's own settings, the one place that knows it is Reactor Netty (an architecture rule keeps it so):
 * one event loop per core, and the JSON 400 for request targets that are not URIs.
 */
@Configuration(proxyBeanMethods = false)
class NettyServerConfiguration {

    /**
     * The server's event loops: one per core. Reactor Netty's default is at least four, which on a small machine
     * only adds threads competing with classification for the same cores.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        resources.setLoopResourcesSupplier(() -> LoopResources.create("reactor-http", cores, true));
        return resources;
    }

    /** A request target that is not a URI gets the API's JSON 400 too, not Spring's bare one (see the route). */
    @Bean
    NettyRouteProvider invalidUriRoute() {
        return new InvalidUriRoute();
    }
}
