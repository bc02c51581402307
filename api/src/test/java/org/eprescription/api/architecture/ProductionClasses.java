package org.eprescription.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** What the architecture rules check: the shipped classes of a package and below it, tests left out. */
final class ProductionClasses {

    private ProductionClasses() {
    }

    static JavaClasses in(String packageName) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName);
    }
}
