package dev.chatbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTest {

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitZero() {
        for (String command : List.of("serve", "train", "evaluate", "models", "retrain", "suggest-intents", "test")) {
            for (String flag : List.of("--help", "-h")) {
                Result r = run(command, flag);
                assertThat(r.exit()).as(command + " " + flag).isZero();
                assertThat(r.out()).as(command).startsWith("usage: chatbot " + command);
                assertThat(r.err()).isEmpty();
            }
        }
        Result train = run("train", "--data", "x.csv", "--help");
        assertThat(train.exit()).isZero();
        assertThat(train.out()).contains("--target-precision").doesNotContain("evaluate");
    }

    @Test
    void helpWithoutACommandShowsEveryCommand() {
        for (String form : List.of("help", "--help", "-h")) {
            Result r = run(form);
            assertThat(r.exit()).isZero();
            assertThat(r.out())
                    .contains("serve", "train", "evaluate", "models", "retrain", "suggest-intents", "--version");
        }
        assertThat(run("help", "models").out()).startsWith("usage: chatbot models");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("frobnicate", "--help").exit()).isEqualTo(2);
        assertThat(run("help", "frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("chatbot ").doesNotContain("unknown").doesNotContain("${");
    }
}
