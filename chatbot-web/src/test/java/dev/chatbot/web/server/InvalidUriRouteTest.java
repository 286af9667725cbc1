package dev.chatbot.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request targets the route takes: those Spring's adapter cannot make a URI of, and no others. */
class InvalidUriRouteTest {

    @Test
    void aBadPercentEscapeIsNotAUri() {
        assertThat(InvalidUriRoute.isUri("/api/v1/conversations/%zz/messages")).isFalse();
        assertThat(InvalidUriRoute.isUri("/%")).isFalse();
        assertThat(InvalidUriRoute.isUri("/a%2")).isFalse();
        assertThat(InvalidUriRoute.isUri("/events?after=%zz")).isFalse();
        assertThat(InvalidUriRoute.isUri("http://host/a%zz")).isFalse();
    }

    @Test
    void pathsSpringAcceptsAreLeftToSpring() {
        assertThat(InvalidUriRoute.isUri("/")).isTrue();
        assertThat(InvalidUriRoute.isUri("/api/v1/conversations/abc/events?after=3&token=x-y_z"))
                .isTrue();
        assertThat(InvalidUriRoute.isUri("/api/v1/conversations/%2e%2e/%00/%F0%9F%98%80"))
                .isTrue();
        assertThat(InvalidUriRoute.isUri("/api/v1/conversations/\u00ff/events")).isTrue();
        assertThat(InvalidUriRoute.isUri("/a;b=c/~root")).isTrue();
        assertThat(InvalidUriRoute.isUri("http://not a host/api")).isTrue(); // Spring drops the authority
    }
}
