package dev.ciorchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core decides; adapters act. The core must not reach for a framework or an I/O library. */
class ArchitectureTest {
  private static final String[] FRAMEWORKS = {
    "io.quarkus..",
    "io.fabric8..",
    "org.eclipse.jgit..",
    "jakarta..",
    "javax.ws..",
    "io.smallrye..",
    "io.micrometer.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ciorchestrator");
  }

  @Test
  void coreImportsNoFramework() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.ciorchestrator.domain..",
                "dev.ciorchestrator.config.model..",
                "dev.ciorchestrator.policy",
                "dev.ciorchestrator.reconcile..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .because("the core is pure Java; see DESIGN.md 'Code shape'");
    rule.check(classes);
  }

  @Test
  void policyPortDoesNotKnowItsCelImplementation() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ciorchestrator.policy", "dev.ciorchestrator.reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cel..", "dev.ciorchestrator.policy.cel..")
        .check(classes);
  }

  @Test
  void domainDependsOnNothingElseOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.ciorchestrator.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ciorchestrator.config..",
            "dev.ciorchestrator.policy..",
            "dev.ciorchestrator.reconcile..")
        .check(classes);
  }
}
