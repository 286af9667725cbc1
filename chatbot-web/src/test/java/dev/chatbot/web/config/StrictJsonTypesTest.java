package dev.chatbot.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The coercion rules of {@link WebConfiguration#strictJsonTypes()}, on a mapper built with them. */
class StrictJsonTypesTest {

    record Body(String text, Boolean helpful, Integer count, Double score, List<String> examples) {}

    private final JsonMapper json = strict();

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new WebConfiguration().strictJsonTypes().customize(builder);
        return builder.build();
    }

    private Body read(String body) {
        return json.readValue(body, Body.class);
    }

    private void refused(String body, String field, Class<?> type) {
        assertThatThrownBy(() -> read(body))
                .as(body)
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> {
                    MismatchedInputException m = (MismatchedInputException) e;
                    assertThat(m.getPath()).as(body).isNotEmpty();
                    assertThat(m.getPath().get(0).getPropertyName()).as(body).isEqualTo(field);
                    assertThat(m.getTargetType()).as(body).isEqualTo(type);
                });
    }

    @Test
    void numbersAndBooleansAreNotReadAsText() {
        for (String value : List.of("5", "-1.5", "1e400", "true", "false", "[\"x\"]", "{}")) {
            refused("{\"text\":" + value + "}", "text", String.class);
        }
        refused("{\"examples\":[1]}", "examples", String.class);
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        for (String value : List.of("\"yes\"", "\"true\"", "\"\"", "1", "0", "0.5", "[true]", "{}")) {
            refused("{\"helpful\":" + value + "}", "helpful", Boolean.class);
        }
    }

    @Test
    void stringsAndBooleansAreNotNumbersAndFractionsAreNotWholeNumbers() {
        for (String value : List.of("\"5\"", "\"\"", "true", "1.5")) {
            refused("{\"count\":" + value + "}", "count", Integer.class);
        }
        for (String value : List.of("\"0.5\"", "\"\"", "false")) {
            refused("{\"score\":" + value + "}", "score", Double.class);
        }
    }

    @Test
    void valuesOfTheRightTypeAndNullsStillRead() {
        assertThat(read("{\"text\":\"5\",\"helpful\":false,\"count\":3,\"score\":2,\"examples\":[\"a\",\"b\"]}"))
                .isEqualTo(new Body("5", false, 3, 2.0, List.of("a", "b")));
        assertThat(read("{\"text\":null,\"helpful\":null,\"count\":null,\"score\":null,\"examples\":null}"))
                .isEqualTo(new Body(null, null, null, null, null));
        assertThat(read("{}")).isEqualTo(new Body(null, null, null, null, null));
    }
}
