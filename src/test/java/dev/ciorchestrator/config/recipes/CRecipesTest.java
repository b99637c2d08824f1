package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each shipped C recipe on the clean {@code examples/hello-c} (passes) and on a planted defect
 * (fails, or reports the finding), with the real tools.
 */
class CRecipesTest {
  /** An off-by-one write past a stack array, reached by the tests. */
  private static final String OVERFLOW =
      "#include \"greet.h\"\n\n#include <stdio.h>\n\n"
          + "int greet(char *buf, size_t size, const char *name)\n{\n"
          + "\tint counts[4];\n\tfor (int i = 0; i <= 4; i++)\n\t\tcounts[i] = i;\n"
          + "\treturn snprintf(buf, size, \"Hello, %s!\", name) + counts[4] - 4;\n}\n";

  @TempDir Path tmp;

  @BeforeAll
  static void needACompiler() {
    RequiredTools.require("gcc", "Debian package gcc: the c/* recipes build the demo");
    RequiredTools.require("make", "Debian package make: the c/* recipes build the demo");
  }

  private static Map<String, String> cEnv() {
    return RecipeRun.env("CC", "gcc");
  }

  private Path demo() {
    return RecipeRun.demo("hello-c", tmp);
  }

  private static void plant(Path demo, String file, String content) throws IOException {
    Files.writeString(demo.resolve(file), content);
  }

  @Test
  void buildHardensTheBinaryAndFailsOnAWarning() throws IOException {
    RequiredTools.require("readelf", "Debian package binutils: the test reads the ELF");
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/build", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(clean.output()).contains("-D_FORTIFY_SOURCE=3").contains("-Wl,-z,relro,-z,now");

    Path binary = demo.resolve("bin/hello");
    assertThat(readelf("-h", binary)).contains("DYN"); // a position-independent executable
    assertThat(readelf("-l", binary)).contains("GNU_RELRO");
    assertThat(readelf("-d", binary)).contains("BIND_NOW").contains("PIE");

    plant(
        demo,
        "src/main.c",
        Files.readString(demo.resolve("src/main.c")) + "\nstatic int unused;\n");
    RecipeRun run = RecipeRun.run("c/build", "{}", demo, cEnv());
    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("unused");
  }

  @Test
  void testWritesJunitAndFailsWithTheFailingCheck() throws IOException {
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/test", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(Files.readString(demo.resolve("out/junit.xml")))
        .contains("tests=\"1\" failures=\"0\"")
        .doesNotContain("<failure");

    plant(
        demo,
        "src/greet.c",
        Files.readString(demo.resolve("src/greet.c")).replace("Hello, %s!", "Hi, %s!"));
    RecipeRun run = RecipeRun.run("c/test", "{}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("FAIL greet world");
    assertThat(Files.readString(demo.resolve("out/junit.xml")))
        .contains("failures=\"1\"")
        .contains("<failure message=\"make check exited 2\">")
        .contains("FAIL greet world: got &quot;".replace("&quot;", "\""));
  }

  @Test
  void sanitizeCatchesAStackBufferOverflow() throws IOException {
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/sanitize", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();

    plant(demo, "src/greet.c", OVERFLOW);
    RecipeRun run = RecipeRun.run("c/sanitize", "{}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).containsAnyOf("stack-buffer-overflow", "index 4 out of bounds");
  }

  @Test
  void valgrindReportsAnInvalidReadAsAFinding() throws IOException {
    RequiredTools.require("valgrind", "Debian package valgrind: c/valgrind");
    String with = "{build: bin/test_greet, program: ./bin/test_greet}";
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/valgrind", with, demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(Files.readString(demo.resolve("out/valgrind.sarif"))).contains("\"results\":[]");

    plant(
        demo,
        "src/greet.c",
        "#include \"greet.h\"\n\n#include <stdio.h>\n#include <stdlib.h>\n\n"
            + "int greet(char *buf, size_t size, const char *name)\n{\n"
            + "\tint *n = malloc(2 * sizeof *n);\n\tn[0] = 0;\n\tint extra = n[2];\n\tfree(n);\n"
            + "\treturn snprintf(buf, size, \"Hello, %s!\", name) + (extra & 0);\n}\n");
    RecipeRun run = RecipeRun.run("c/valgrind", with, demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(99);
    assertThat(Files.readString(demo.resolve("out/valgrind.sarif")))
        .contains("\"ruleId\":\"InvalidRead\"")
        .contains("\"uri\":\"greet.c\"");
  }

  @Test
  void cppcheckWritesSarifAndFailsOnAnOutOfBoundsWrite() throws IOException {
    RequiredTools.require("cppcheck", "Debian package cppcheck: c/cppcheck");
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/cppcheck", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(Files.readString(demo.resolve("out/cppcheck.sarif"))).contains("\"results\":[]");

    plant(demo, "src/greet.c", OVERFLOW);
    RecipeRun run = RecipeRun.run("c/cppcheck", "{}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(1);
    assertThat(Files.readString(demo.resolve("out/cppcheck.sarif")))
        .contains("\"ruleId\":\"arrayIndexOutOfBounds\",\"level\":\"error\"")
        .contains("\"uri\":\"src/greet.c\"");
  }

  @Test
  void clangTidyReportsANullDereference() throws IOException {
    RequiredTools.require("clang-tidy", "Debian package clang-tidy: c/clang-tidy");
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/clang-tidy", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();

    plant(
        demo,
        "src/null.c",
        "#include <stddef.h>\n\nint first(const int *p)\n{\n\tif (p == NULL)\n"
            + "\t\treturn *p;\n\treturn 0;\n}\n");
    RecipeRun run = RecipeRun.run("c/clang-tidy", "{}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(1);
    assertThat(Files.readString(demo.resolve("out/clang-tidy.sarif")))
        .contains("\"ruleId\":\"clang-analyzer-core.NullDereference\"")
        .contains("null.c");
  }

  @Test
  void flawfinderFailsOnAStrcpy() throws IOException {
    RequiredTools.require("flawfinder", "Debian package flawfinder: c/flawfinder");
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/flawfinder", "{}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(Files.readString(demo.resolve("out/flawfinder.sarif"))).contains("\"version\"");

    plant(
        demo,
        "src/copy.c",
        "#include <string.h>\n\nvoid copy(char *dst, const char *src)\n{\n\tstrcpy(dst, src);\n}\n");
    RecipeRun run = RecipeRun.run("c/flawfinder", "{}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("copy.c:5");
    assertThat(Files.readString(demo.resolve("out/flawfinder.sarif"))).contains("strcpy");
  }

  @Test
  void coverageWritesCoberturaAndFailsUnderTheMinimum() throws IOException {
    RequiredTools.require("gcovr", "Debian package gcovr: c/coverage");
    Path demo = demo();
    RecipeRun clean = RecipeRun.run("c/coverage", "{min-lines: 90}", demo, cEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(Files.readString(demo.resolve("out/coverage.xml"))).contains("<coverage");
    assertThat(clean.output()).contains("src/greet.c");

    StringBuilder untested = new StringBuilder("#include \"greet.h\"\n\nint untested(int x)\n{\n");
    for (int i = 0; i < 40; i++) {
      untested.append("\tx += ").append(i).append(";\n");
    }
    plant(demo, "src/untested.c", untested.append("\treturn x;\n}\n").toString());
    plant(
        demo,
        "Makefile",
        Files.readString(demo.resolve("Makefile"))
            .replace("OBJS = build/greet.o", "OBJS = build/greet.o build/untested.o"));
    RecipeRun run = RecipeRun.run("c/coverage", "{min-lines: 90}", demo, cEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("untested.c");
  }

  private static String readelf(String option, Path binary) {
    try {
      Process p =
          new ProcessBuilder(List.of("readelf", "-W", option, binary.toString()))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
