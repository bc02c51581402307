package org.eprescription.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** docs/architecture.md, "Modules and what they may depend on", as rules that fail the build when broken. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eprescription");
    }

    @Test
    void prescriptionCoreKnowsNothingOfSpringSqlOrTheOtherModules() {
        noClasses().that().resideInAPackage("org.eprescription.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta.servlet..", "org.eprescription.query..", "org.eprescription.api..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverDependsOnTheApiOrTheWeb() {
        noClasses().that().resideInAPackage("org.eprescription.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eprescription.api..",
                        "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverWritesEventsOrSendsCommands() {
        noClasses().that().resideInAPackage("org.eprescription.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                        "org.axonframework.eventsourcing..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventhandling.EventBus")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventhandling.gateway.EventGateway")
                .check(classes);
    }

    @Test
    void nothingBelowTheApiDependsOnIt() {
        noClasses().that().resideInAnyPackage("org.eprescription.core..", "org.eprescription.query..")
                .should().dependOnClassesThat().resideInAPackage("org.eprescription.api..")
                .check(classes);
    }
}
