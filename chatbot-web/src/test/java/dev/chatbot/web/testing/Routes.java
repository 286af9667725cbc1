package dev.chatbot.web.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** Every (method, path pattern) of the application's functional routes, read from the router beans themselves. */
public final class Routes {

    /** One route: an HTTP method and a path pattern such as {@code /api/v1/console/conversations/{id}}. */
    public record Route(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Routes() {}

    public static List<Route> of(ApplicationContext context) {
        List<Route> routes = new ArrayList<>();
        for (RouterFunction<?> router :
                context.getBeansOfType(RouterFunction.class).values()) {
            router.accept(new Collector(routes));
        }
        return routes;
    }

    private static final class Collector implements RouterFunctions.Visitor {
        private final List<Route> routes;
        private final List<String> prefixes = new ArrayList<>();

        Collector(List<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            Parts parts = Parts.of(predicate);
            prefixes.add(parts.path == null ? "" : parts.path);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.remove(prefixes.size() - 1);
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            Parts parts = Parts.of(predicate);
            String path = String.join("", prefixes) + (parts.path == null ? "" : parts.path);
            for (HttpMethod method : parts.methods.isEmpty() ? Set.of(HttpMethod.GET) : parts.methods) {
                routes.add(new Route(method, path));
            }
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookup) {}

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}
    }

    private static final class Parts implements RequestPredicates.Visitor {
        final Set<HttpMethod> methods = new HashSet<>();
        String path;

        static Parts of(RequestPredicate predicate) {
            Parts parts = new Parts();
            predicate.accept(parts);
            return parts;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            this.methods.addAll(methods);
        }

        @Override
        public void path(String pattern) {
            path = pattern;
        }

        @Override
        public void pathExtension(String extension) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void version(String version) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {}
    }
}
