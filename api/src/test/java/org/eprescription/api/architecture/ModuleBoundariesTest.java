package org.eprescription.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** docs/architecture.md, "Modules and what they may depend on", as rules that fail the build when broken. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.in("org.eprescription");
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

    @Test
    void noModuleHasPackagesThatDependOnEachOtherInACircle() {
        for (String module : List.of("core", "query", "api")) {
            slices().matching("org.eprescription." + module + ".(*)..").should().beFreeOfCycles().check(classes);
        }
    }

    /**
     * In api, the platform (who acts, security, problems, input limits, idempotency, commands, configuration,
     * storage, live streams, the event log, the OpenAPI description) is below the features and never reaches up into
     * one (docs/architecture.md, "Inside api").
     */
    @Test
    void apisPlatformPackagesNeverDependOnAFeature() {
        noClasses().that().resideInAnyPackage(API_PLATFORM)
                .should().dependOnClassesThat().resideInAnyPackage(API_FEATURES)
                .check(classes);
    }

    @Test
    void everyApiPackageIsEitherPlatformOrFeature() {
        classes().that().resideInAPackage("org.eprescription.api.*..")
                .and().resideOutsideOfPackage("org.eprescription.api")
                .should().resideInAnyPackage(concat(API_PLATFORM, API_FEATURES))
                .check(classes);
    }

    /** The query side reads events; the aggregates that write them are none of its business. */
    @Test
    void theQuerySideNeverUsesAnAggregate() {
        noClasses().that().resideInAPackage("org.eprescription.query..")
                .should().dependOnClassesThat().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eprescription.core.prescription.Prescription")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eprescription.core.record.DispensingRecord")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eprescription.core.consent.PatientConsent")
                .check(classes);
    }

    private static final String[] API_PLATFORM = packages("actor", "command", "config", "eventlog", "idempotency",
            "input", "openapi", "privacy", "problem", "security", "storage", "stream");
    private static final String[] API_FEATURES = packages("admin", "alerts", "audit", "deadletter", "cds", "expiry", "fhir", "health",
            "institution", "patient", "pharmacy", "prescriberquery", "prescription", "record", "servicedesk");

    private static String[] packages(String... names) {
        return java.util.Arrays.stream(names).map(name -> "org.eprescription.api." + name + "..")
                .toArray(String[]::new);
    }

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }
}
