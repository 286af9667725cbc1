package dev.chatbot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.TranscriptStore;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md: core knows no Spring or Reactor, each technology stays in its adapter, adapters sit
 * beside their port ({@code transcript.sqlite}, {@code transcript.redis}, {@code channel.sqlite}, ...).
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatbot");

    @Test
    void coreKnowsNoSpringAndNoReactor() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "reactor..")
                .check(CORE);
    }

    @Test
    void onlyTheOpenNlpAdapterImportsOpenNlp() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.chatbot.intent.opennlp..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("opennlp..")
                .check(CORE);
    }

    @Test
    void onlyTheDl4jAdapterImportsDeeplearning4jOrNd4j() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.chatbot.intent.dl4j..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(CORE);
    }

    @Test
    void onlyRedisAdaptersImportLettuce() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..redis..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lettuce..")
                .check(CORE);
    }

    @Test
    void onlyTheOnnxEncoderAdapterImportsLangchain4jOrOnnxRuntime() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.chatbot.intent.embedding.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.langchain4j..", "ai.onnxruntime..")
                .check(CORE);
    }

    @Test
    void onlySqliteAdaptersUseJdbcSqliteOrFlyway() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..sqlite..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.sqlite..", "org.flywaydb..")
                .check(CORE);
    }

    @Test
    void thePortPackagesDependOnNoAdapter() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.chatbot.intent",
                        "dev.chatbot.transcript",
                        "dev.chatbot.conversation",
                        "dev.chatbot.channel",
                        "dev.chatbot.insights",
                        "dev.chatbot.lifecycle")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.chatbot.intent.opennlp..",
                        "dev.chatbot.intent.dl4j..",
                        "dev.chatbot.intent.embedding.onnx..",
                        "..sqlite..",
                        "..redis..",
                        "dev.chatbot.store..")
                .check(CORE);
    }

    @Test
    void transcriptAdaptersSitBesideTheirPort() {
        classes()
                .that()
                .implement(TranscriptStore.class)
                .should()
                .resideInAnyPackage("dev.chatbot.transcript.sqlite", "dev.chatbot.transcript.redis")
                .check(CORE);
        classes()
                .that()
                .implement(ChannelStore.class)
                .should()
                .resideInAnyPackage("dev.chatbot.channel.sqlite", "dev.chatbot.channel.redis")
                .check(CORE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.chatbot.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
