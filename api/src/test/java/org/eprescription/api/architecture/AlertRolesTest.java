package org.eprescription.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The query side's alerts in three roles (docs/architecture.md, "Inside query-side"): the projection on top
 * ({@code alerts}), the queries below it ({@code alerts.query}), the store below both ({@code alerts.store}).
 */
class AlertRolesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.in("org.eprescription.query.alerts");
    }

    @Test
    void theStoreKnowsNeitherTheQueriesNorTheProjection() {
        noClasses().that().resideInAPackage("org.eprescription.query.alerts.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eprescription.query.alerts",
                        "org.eprescription.query.alerts.query..")
                .check(classes);
    }

    @Test
    void theQueriesDoNotKnowTheProjection() {
        noClasses().that().resideInAPackage("org.eprescription.query.alerts.query..")
                .should().dependOnClassesThat().resideInAPackage("org.eprescription.query.alerts")
                .check(classes);
    }
}
