package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each shipped Go recipe on the clean {@code examples/hello-go} (passes) and on a planted defect
 * (fails, or reports the finding), with the real tools, offline.
 */
class GoRecipesTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void needGo() {
    RequiredTools.require("go", "Debian package golang-go: the go/* recipes run it");
  }

  /** Offline: no module proxy, no toolchain download; one build cache for the whole class. */
  static Map<String, String> goEnv() {
    return RecipeRun.env(
        "GOPROXY", "off",
        "GOFLAGS", "-mod=vendor",
        "GOTOOLCHAIN", "local",
        "GOCACHE", shared.resolve("gocache").toString(),
        "GOPATH", shared.resolve("gopath").toString());
  }

  @Test
  void vetPassesOnTheDemoAndCatchesABadPrintfVerb() throws IOException {
    Path demo = RecipeRun.demo("hello-go", tmp);
    assertThat(RecipeRun.run("go/vet", "{}", demo, goEnv()).exit()).isZero();

    Files.writeString(
        demo.resolve("bad.go"),
        "package main\n\nimport \"fmt\"\n\nfunc bad() { fmt.Printf(\"%d\\n\", \"text\") }\n");
    RecipeRun run = RecipeRun.run("go/vet", "{}", demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("bad.go:5").contains("%d");
  }

  @Test
  void fmtPassesOnTheDemoAndNamesAnUnformattedFile() throws IOException {
    Path demo = RecipeRun.demo("hello-go", tmp);
    RecipeRun clean = RecipeRun.run("go/fmt", "{}", demo, goEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();

    Files.writeString(demo.resolve("ugly.go"), "package main\nfunc   ugly( ) {  }\n");
    RecipeRun run = RecipeRun.run("go/fmt", "{}", demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(1);
    assertThat(run.output()).contains("./ugly.go").doesNotContain("greet.go");
  }

  @Test
  void staticcheckWritesSarifAndFailsOnAFinding() throws IOException {
    if (RequiredTools.onPath("staticcheck").isEmpty()) {
      RequiredTools.require("go-staticcheck", "Debian package go-staticcheck: go/staticcheck");
    }
    Path demo = RecipeRun.demo("hello-go", tmp);
    RecipeRun clean = RecipeRun.run("go/staticcheck", "{}", demo, goEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    String cleanSarif = Files.readString(demo.resolve("out/staticcheck.sarif"));
    assertThat(cleanSarif.startsWith("{\"version\":\"2.1.0\"")).as("SARIF 2.1.0").isTrue();
    assertThat(cleanSarif.contains("\"ruleId\"")).as("a finding on the clean demo").isFalse();

    Files.writeString(demo.resolve("spin.go"), "package main\n\nfunc Spin() {\n\tfor {\n\t}\n}\n");
    RecipeRun run = RecipeRun.run("go/staticcheck", "{}", demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("spin.go:4:2").contains("SA5002");
    String sarif = Files.readString(demo.resolve("out/staticcheck.sarif"));
    assertThat(sarif.contains("\"ruleId\":\"SA5002\"")).as("SA5002 in the SARIF").isTrue();
    assertThat(sarif.contains("spin.go")).as("spin.go in the SARIF").isTrue();
  }

  @Test
  void testRunsWithRaceAndCoverageAndRecordsEveryEvent() throws IOException {
    RequiredTools.require("gcc", "Debian package gcc: go test -race needs cgo");
    Path demo = RecipeRun.demo("hello-go", tmp);
    RecipeRun clean = RecipeRun.run("go/test", "{}", demo, goEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();
    assertThat(clean.output()).contains("--- PASS: TestGreeting").contains("total:");
    assertThat(Files.readString(demo.resolve("out/go-test.json")))
        .contains(
            "\"Action\":\"pass\",\"Package\":\"example.com/hello-go\",\"Test\":\"TestGreeting\"");
    assertThat(demo.resolve("out/coverage.out")).isNotEmptyFile();

    Files.writeString(
        demo.resolve("broken_test.go"),
        "package main\n\nimport \"testing\"\n\n"
            + "func TestBroken(t *testing.T) {\n\tif greeting(\"x\") != \"Hi, x!\" {\n"
            + "\t\tt.Fatal(\"planted failure\")\n\t}\n}\n");
    RecipeRun run = RecipeRun.run("go/test", "{race: false, coverage: false}", demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(1);
    assertThat(run.output()).contains("--- FAIL: TestBroken").contains("planted failure");
    assertThat(Files.readString(demo.resolve("out/go-test.json")))
        .contains(
            "\"Action\":\"fail\",\"Package\":\"example.com/hello-go\",\"Test\":\"TestBroken\"");
  }

  @Test
  void testFindsADataRaceWithTheRaceDetector() throws IOException {
    RequiredTools.require("gcc", "Debian package gcc: go test -race needs cgo");
    Path demo = RecipeRun.demo("hello-go", tmp);
    Files.writeString(
        demo.resolve("race_test.go"),
        "package main\n\nimport (\n\t\"sync\"\n\t\"testing\"\n)\n\n"
            + "func TestRace(t *testing.T) {\n\tn := 0\n\tvar wg sync.WaitGroup\n"
            + "\tfor i := 0; i < 2; i++ {\n\t\twg.Add(1)\n\t\tgo func() { n++; wg.Done() }()\n\t}\n"
            + "\twg.Wait()\n}\n");
    RecipeRun run = RecipeRun.run("go/test", "{run: TestRace}", demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isEqualTo(1);
    assertThat(run.output()).contains("WARNING: DATA RACE");
  }

  @Test
  void vulncheckPassesOnTheDemoAndFindsThePlantedVulnerableCall() throws IOException {
    RequiredTools.require("govulncheck", "Debian package govulncheck: go/vulncheck");
    Path db = Path.of("src/test/resources/recipes/govulndb").toAbsolutePath();
    String with = "{db: \"" + db + "\"}";
    Path demo = RecipeRun.demo("hello-go", tmp);
    RecipeRun clean = RecipeRun.run("go/vulncheck", with, demo, goEnv());
    assertThat(clean.exit()).as(clean.describe()).isZero();

    plantVulnerableDependency(demo);
    RecipeRun run = RecipeRun.run("go/vulncheck", with, demo, goEnv());

    assertThat(run.exit()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("GO-2026-0001").contains("example.com/vulnlib");
  }

  @Test
  void vulncheckWithoutADatabaseSaysHowToGiveOne() {
    RequiredTools.require("govulncheck", "Debian package govulncheck: go/vulncheck");
    RecipeRun run = RecipeRun.run("go/vulncheck", "{}", RecipeRun.demo("hello-go", tmp), goEnv());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output()).contains("no vulnerability database");
  }

  @Test
  void buildIsReproducibleAcrossFoldersAndCgoFree() throws IOException {
    Path first = RecipeRun.demo("hello-go", tmp.resolve("a"));
    Path second = RecipeRun.demo("hello-go", tmp.resolve("elsewhere/b"));
    RecipeRun one = RecipeRun.run("go/build", "{}", first, goEnv());
    assertThat(one.exit()).as(one.describe()).isZero();
    // A separate build cache, so the second build really compiles again.
    Map<String, String> fresh = new java.util.HashMap<>(goEnv());
    fresh.put("GOCACHE", tmp.resolve("other-cache").toString());
    RecipeRun two = RecipeRun.run("go/build", "{}", second, fresh);
    assertThat(two.exit()).as(two.describe()).isZero();

    byte[] a = Files.readAllBytes(first.resolve("out/bin/hello-go"));
    byte[] b = Files.readAllBytes(second.resolve("out/bin/hello-go"));
    assertThat(a).isEqualTo(b);
    assertThat(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(tmp.toString());
  }

  @Test
  void aMissingToolFailsNamingIt() {
    Path demo = RecipeRun.demo("hello-go", tmp);
    RecipeRun run = RecipeRun.run("go/vet", "{}", demo, RecipeRun.env("PATH", "/nonexistent"));

    assertThat(run.exit()).isEqualTo(127);
    assertThat(run.output()).contains("go/vet: go: command not found");
  }

  /** A vendored module with a vulnerable function that the demo's main calls. */
  static void plantVulnerableDependency(Path demo) throws IOException {
    Path lib = Files.createDirectories(demo.resolve("vendor/example.com/vulnlib"));
    Files.writeString(
        lib.resolve("vulnlib.go"),
        "// Package vulnlib is planted with a made-up vulnerability.\npackage vulnlib\n\n"
            + "// Parse is the vulnerable function.\nfunc Parse(s string) string { return s }\n");
    Files.writeString(
        demo.resolve("vendor/modules.txt"),
        "# example.com/vulnlib v1.0.0\n## explicit\nexample.com/vulnlib\n");
    Files.writeString(
        demo.resolve("go.mod"),
        Files.readString(demo.resolve("go.mod")) + "\nrequire example.com/vulnlib v1.0.0\n");
    Files.writeString(
        demo.resolve("use.go"),
        "package main\n\nimport \"example.com/vulnlib\"\n\n"
            + "func parsed(s string) string { return vulnlib.Parse(s) }\n");
    Path main = demo.resolve("main.go");
    Files.writeString(
        main,
        Files.readString(main)
            .replace("fmt.Println(greeting(name))", "fmt.Println(parsed(greeting(name)))"));
  }
}
