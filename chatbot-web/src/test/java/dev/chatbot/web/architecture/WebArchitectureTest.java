package dev.chatbot.web.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/**
 * The package rules of chatbot-web, beside chatbot-core's: Reactor Netty and Netty only in the server package, HTTP
 * types only in the HTTP layer (routers, handlers, filters, configuration, the error and JSON-body plumbing), no
 * cycles between packages.
 */
class WebArchitectureTest {

    private static final JavaClasses WEB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatbot.web");

    /** Packages whose every class is HTTP plumbing. */
    private static final List<String> HTTP_PACKAGES = List.of(
            "dev.chatbot.web.error..",
            "dev.chatbot.web.http..",
            "dev.chatbot.web.server..",
            "dev.chatbot.web.docs..",
            "dev.chatbot.web.console.security..");
    /** The HTTP layer elsewhere: a feature's router, handlers, filters and the helpers its handlers share. */
    private static final List<String> HTTP_CLASS_SUFFIXES = List.of("Router", "Handler", "Filter", "Requests");

    private static final DescribedPredicate<JavaClass> BELOW_THE_HANDLERS = describe(
            "are below the handlers",
            c -> HTTP_PACKAGES.stream().noneMatch(p -> c.getPackageName().startsWith(p.replace("..", "")))
                    && HTTP_CLASS_SUFFIXES.stream()
                            .noneMatch(s -> topLevel(c).getSimpleName().endsWith(s))
                    && !topLevel(c).isAnnotatedWith(Configuration.class));

    @Test
    void onlyTheServerPackageKnowsNetty() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.chatbot.web.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "reactor.netty..", "org.springframework.boot.reactor.netty..")
                .check(WEB);
    }

    @Test
    void noHttpTypesBelowTheHandlers() {
        noClasses()
                .that(BELOW_THE_HANDLERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.http..",
                        "org.springframework.web..",
                        "org.springframework.security.web..",
                        "dev.chatbot.web.http..",
                        "io.netty..",
                        "reactor.netty..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.chatbot.web.error.ApiException")
                .check(WEB);
    }

    @Test
    void configurationDoesNotKnowTheChatApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.chatbot.web.config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.chatbot.web.api..")
                .check(WEB);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.chatbot.web.(*)..").should().beFreeOfCycles().check(WEB);
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
