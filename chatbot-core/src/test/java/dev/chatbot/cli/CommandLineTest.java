package dev.chatbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.testing.TinyData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {

    @TempDir
    static Path dir;

    private Path csv;
    private Path models;
    private String trainOutput;
    private int trainExit;

    @BeforeAll
    void trainOnceWithTheRealEngine() throws Exception {
        StringBuilder sb = new StringBuilder("text,intent\n");
        TinyData.EXAMPLES.forEach((intent, texts) -> texts.forEach(
                t -> sb.append('"').append(t).append("\",").append(intent).append('\n')));
        sb.append("\"what is the weather\",out_of_scope\n");
        csv = Files.writeString(dir.resolve("train.csv"), sb.toString());
        models = dir.resolve("models");
        Result r = run("train", "--data", csv.toString(), "--out", models.toString(), "--test", csv.toString());
        trainExit = r.exit;
        trainOutput = r.out;
    }

    @Test
    void trainWritesAVersionWithItsReportAndPromotesIt() {
        assertThat(trainExit).as(trainOutput).isZero();
        assertThat(trainOutput).contains("encoding:", "calibration round", "promoted", "accuracy (closed set)");
        assertThat(models.resolve("current/manifest.json")).exists();
        assertThat(models.resolve("current/evaluation.json")).exists();
    }

    @Test
    void evaluateWritesTheJsonReportWithTheContractKeys() throws Exception {
        Path json = dir.resolve("r.json");
        Result r = run(
                "evaluate",
                "--model",
                models.resolve("current").toString(),
                "--test",
                csv.toString(),
                "--oos-label",
                "out_of_scope",
                "--json",
                json.toString());
        assertThat(r.exit).as(r.err).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = JsonMapper.builder().build().readValue(json.toFile(), Map.class);
        assertThat(report)
                .containsKeys(
                        "examples",
                        "accuracy",
                        "macroF1",
                        "threshold",
                        "coverage",
                        "answeredPrecision",
                        "inScopeAccuracy",
                        "oosRecall",
                        "perIntent",
                        "confusions",
                        "modelVersion",
                        "latencyMicros");
        assertThat(report.get("examples")).isEqualTo(25);
    }

    @Test
    void aMalformedCsvGivesOneLineNamingFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "text,intent\nhello,greeting\nno label here\n");
        Result r =
                run("train", "--data", bad.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("chatbot: " + bad + ":3: expected 2 columns (text,intent), found 1");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aCorruptModelDirectoryIsRefusedWithAClearMessage() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken-model"));
        Files.writeString(broken.resolve("manifest.json"), "{}");
        Result r = run("evaluate", "--model", broken.toString(), "--test", csv.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err)
                .startsWith("chatbot: " + broken.resolve("manifest.json"))
                .hasLineCount(1);
    }

    @Test
    void badArgumentsExitWithUsageError() {
        assertThat(run("train").exit).isEqualTo(2);
        assertThat(run("train", "--data").err).contains("option --data needs a value");
        assertThat(run("evaluate", "--bogus", "1").err).contains("unknown option --bogus");
        assertThat(run("frobnicate").exit).isEqualTo(2);
    }

    @Test
    void modelsListShowsTheCurrentVersion() {
        Result r = run("models", "list", "--models", models.toString());
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("(* = current)").containsPattern("\\* v\\d{8}-\\d{6}-");
        assertThat(run("models", "rollback", "--models", models.toString()).err)
                .contains("no earlier promoted version");
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
