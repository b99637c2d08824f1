package dev.ciorchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

  /** The run port knows only the domain, so every package may use it without a cycle. */
  @Test
  void theRunPortDependsOnlyOnTheDomain() {
    classes()
        .that()
        .resideInAPackage("dev.ciorchestrator.run")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ciorchestrator.run", "dev.ciorchestrator.domain..", "java..", "com.fasterxml..")
        .check(classes);
  }

  /** The stores depend on the port, the domain and the file helpers; none of them on another. */
  @Test
  void theStoresDependOnNothingButThePortAndTheDomain() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ciorchestrator.run.file..", "dev.ciorchestrator.run.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ciorchestrator.config..",
            "dev.ciorchestrator.executor..",
            "dev.ciorchestrator.forge..",
            "dev.ciorchestrator.reconcile..",
            "dev.ciorchestrator.report..",
            "dev.ciorchestrator.runtime..",
            "dev.ciorchestrator.web..",
            "dev.ciorchestrator.run.wiring..")
        .check(classes);
  }

  /**
   * Every package is a slice: a cycle between two packages (the reconcile loop and the summary it
   * renders, an executor and the producer of all executors, a feature and its meters) means neither
   * can be understood, tested or replaced alone. A port goes to the package that uses it; adapters
   * depend on ports, never the other way.
   */
  @Test
  void packagesFormNoCycles() {
    slices().matching("dev.ciorchestrator.(**)").should().beFreeOfCycles().check(classes);
  }

  /**
   * The core of the loop decides from ports and pure helpers only: the domain, the config model,
   * the policy, run, executor and forge ports, command parsing, schedules and run links. Every
   * adapter is reached through a port it implements, so the loop runs whole with fakes.
   */
  @Test
  void reconcileDependsOnlyOnPorts() {
    classes()
        .that()
        .resideInAPackage("dev.ciorchestrator.reconcile..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ciorchestrator.reconcile..",
            "dev.ciorchestrator.domain..",
            "dev.ciorchestrator.config.model..",
            "dev.ciorchestrator.config.validation",
            "dev.ciorchestrator.config.diff",
            "dev.ciorchestrator.policy",
            "dev.ciorchestrator.run",
            "dev.ciorchestrator.executor",
            "dev.ciorchestrator.forge",
            "dev.ciorchestrator.forge.command",
            "dev.ciorchestrator.schedule",
            "dev.ciorchestrator.report",
            "java..",
            "org.jboss.logging..")
        .check(classes);
  }

  /** The reconcile loop sees stores, executors and forges only through their ports. */
  @Test
  void reconcileSeesOnlyPorts() {
    noClasses()
        .that()
        .resideInAPackage("dev.ciorchestrator.reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ciorchestrator.run.file..",
            "dev.ciorchestrator.run.postgres..",
            "dev.ciorchestrator.run.wiring..",
            "dev.ciorchestrator.persist..",
            "dev.ciorchestrator.executor.local..",
            "dev.ciorchestrator.executor.process..",
            "dev.ciorchestrator.executor.container..",
            "dev.ciorchestrator.executor.kubernetes..",
            "dev.ciorchestrator.forge.local..",
            "dev.ciorchestrator.forge.github..",
            "dev.ciorchestrator.runtime..",
            "dev.ciorchestrator.web..")
        .check(classes);
  }
}
