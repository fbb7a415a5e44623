package dev.payscore.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain is framework-free: JDK and JSpecify only, and Jackson's annotations (no behaviour,
 * optional at run time) so that identifiers are plain JSON values (the Maven graph polices the
 * rest).
 */
final class DomainArchitectureTest {
  private static final JavaClasses DOMAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.payscore");

  @Test
  void domainDependsOnlyOnTheJdkJSpecifyAndJacksonAnnotations() {
    classes()
        .that()
        .resideInAnyPackage("dev.payscore", "dev.payscore.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.payscore..", "java..", "org.jspecify..", "com.fasterxml.jackson.annotation")
        .check(DOMAIN);
  }

  @Test
  void theRuleSeesTheDomainClasses() {
    org.assertj.core.api.Assertions.assertThat(
            DOMAIN.containPackage("dev.payscore.domain.completion"))
        .isTrue();
  }
}
