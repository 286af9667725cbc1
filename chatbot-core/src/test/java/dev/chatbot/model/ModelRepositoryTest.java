package dev.chatbot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    @TempDir
    Path root;

    @Test
    void promotesSwitchesCurrentAndRollsBackToThePreviousVersion() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        fakeVersion("v1");
        fakeVersion("v2");
        repo.promote("v1");
        repo.promote("v2");
        assertThat(repo.currentVersion()).contains("v2");
        assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("v2"));

        assertThat(repo.rollback()).isEqualTo("v1");
        assertThat(repo.currentVersion()).contains("v1");
        assertThatThrownBy(repo::rollback).hasMessageContaining("no earlier promoted version");
    }

    @Test
    void refusesToPromoteAnUnknownOrBrokenVersion() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        assertThatThrownBy(() -> repo.promote("nope")).hasMessageContaining("no such model version");
        Files.createDirectories(root.resolve("half"));
        assertThatThrownBy(() -> repo.promote("half")).hasMessageContaining("manifest.json: missing");
        assertThat(repo.currentVersion()).isEmpty();
    }

    @Test
    void listsVersionsAndMarksTheCurrentOne() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        fakeVersion("v1");
        Files.createDirectories(root.resolve("broken"));
        repo.promote("v1");
        var entries = repo.list();
        assertThat(entries).extracting(ModelRepository.Entry::version).containsExactly("broken", "v1");
        assertThat(entries.get(1).current()).isTrue();
        assertThat(entries.get(0).problem()).contains("manifest.json: missing");
    }

    private void fakeVersion(String version) throws Exception {
        Path dir = root.resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), """
                {"formatVersion":1,"version":"%s","createdAt":"2026-01-01T00:00:00Z","pipeline":"p","stemming":true,
                 "labels":["a","b"],"members":[{"family":"opennlp-maxent","temperature":1,"weight":1}],
                 "threshold":0.5,"targetPrecision":0.95,"oosShare":0.2,
                 "training":{"dataFingerprint":"x","examples":2,"intents":2,"source":"s","seconds":1,"calibrationGroups":3,"seed":1},
                 "calibration":{"heldOutAccuracy":1,"heldOutMessages":1,"simulatedUnknowns":1,"coverage":1,"precision":1,
                 "unknownsAnswered":0,"targetReached":true},"files":{}}
                """.formatted(version));
    }
}
