package dev.chatbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServeArgumentsTest {

    @Test
    void mapsTheServeFlagsToProperties() {
        assertThat(ServeArguments.toSpring(new String[] {
                    "--port",
                    "9090",
                    "--store=redis",
                    "--redis-url",
                    "redis://r:6379",
                    "--data-dir",
                    "/srv/var",
                    "--model",
                    "models/v2",
                    "--debug"
                }))
                .containsExactly(
                        "--server.port=9090",
                        "--chatbot.store.kind=redis",
                        "--chatbot.store.redis-url=redis://r:6379",
                        "--chatbot.store.data-dir=/srv/var",
                        "--chatbot.model.dir=models/v2",
                        "--debug");
    }

    @Test
    void aFlagWithoutValueIsAnError() {
        assertThatThrownBy(() -> ServeArguments.toSpring(new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");
    }
}
