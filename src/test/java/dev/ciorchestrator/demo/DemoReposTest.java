package dev.ciorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReposTest {
  private static final Path EXAMPLES = Path.of("examples");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Path repos;
  private LocalForgeStore store;

  @BeforeEach
  void setUp() throws IOException {
    repos = tmp.resolve("repos");
    store = new LocalForgeStore(tmp.resolve("forge.json"), CLOCK);
  }

  @Test
  void createsBothReposWithMainFromTheExamplesAndOneBranchEach() throws IOException {
    DemoRepos.Result result = DemoRepos.create(EXAMPLES, repos, store, CLOCK);

    assertThat(result.createdRepos()).containsExactly("demo/hello-go", "demo/hello-c");
    try (RepoReader go = RepoReader.open(repos.resolve("demo/hello-go.git"))) {
      assertThat(go.headTarget()).isEqualTo("refs/heads/main");
      assertThat(go.branches()).containsExactlyInAnyOrder("main", "friendlier-greeting");
      assertThat(go.files("main").keySet())
          .containsExactlyInAnyOrder(
              ".gitignore", "README.md", "go.mod", "main.go", "greet.go", "greet_test.go");
      assertThat(go.files("main").get("greet.go"))
          .isEqualTo(Files.readString(EXAMPLES.resolve("hello-go/greet.go")));
      assertThat(go.files("friendlier-greeting").get("greet.go")).contains("nice to meet you");
      assertThat(go.files("friendlier-greeting").get("greet_test.go")).contains("nice to meet you");
      assertThat(go.parentOf("friendlier-greeting")).isEqualTo(go.head("main"));
      assertThat(go.author("main"))
          .isEqualTo("ci-orchestrator demo <demo@ci-orchestrator.invalid>");
    }
    try (RepoReader c = RepoReader.open(repos.resolve("demo/hello-c.git"))) {
      assertThat(c.branches()).containsExactlyInAnyOrder("main", "add-shout");
      assertThat(c.files("main").keySet())
          .containsExactlyInAnyOrder(
              ".gitignore",
              "Makefile",
              "README.md",
              "include/greet.h",
              "src/greet.c",
              "src/main.c",
              "tests/test_greet.c");
      assertThat(c.files("main").get("src/greet.c")).doesNotContain("shout");
      assertThat(c.files("add-shout").get("src/greet.c")).contains("int shout(");
      assertThat(c.files("add-shout").get("tests/test_greet.c")).contains("HELLO, WORLD!");
      assertThat(c.files("add-shout").get("Makefile")).isEqualTo(c.files("main").get("Makefile"));
    }
  }

  @Test
  void opensOneChangeByAliceInHelloGoAtTheBranchHeadAndNoneInHelloC() throws IOException {
    DemoRepos.Result result = DemoRepos.create(EXAMPLES, repos, store, CLOCK);

    assertThat(result.openedChanges()).containsExactly("demo/hello-go#1");
    List<LocalChange> changes = store.all("demo/hello-go");
    assertThat(changes).hasSize(1);
    LocalChange change = changes.get(0);
    assertThat(change.author()).isEqualTo("alice");
    assertThat(change.sourceBranch()).isEqualTo("friendlier-greeting");
    assertThat(change.targetBranch()).isEqualTo("main");
    assertThat(change.draft()).isFalse();
    assertThat(change.createdAt()).isEqualTo(CLOCK.instant());
    try (RepoReader go = RepoReader.open(repos.resolve("demo/hello-go.git"))) {
      assertThat(change.headSha()).isEqualTo(go.head("friendlier-greeting"));
    }
    assertThat(store.all("demo/hello-c")).isEmpty();
  }

  @Test
  void aSecondStartCreatesAndOpensNothingAndLeavesTheReposAlone() throws IOException {
    DemoRepos.create(EXAMPLES, repos, store, CLOCK);
    Map<String, String> before = RepoReader.refs(repos);

    DemoRepos.Result again = DemoRepos.create(EXAMPLES, repos, store, CLOCK);

    assertThat(again.createdRepos()).isEmpty();
    assertThat(again.openedChanges()).isEmpty();
    assertThat(again.describe()).contains("nothing created");
    assertThat(RepoReader.refs(repos)).isEqualTo(before);
    assertThat(store.all("demo/hello-go")).hasSize(1);
  }

  @Test
  void aCrashBeforeOpeningTheChangeIsRepairedOnceOnTheNextStart() throws IOException {
    DemoRepos.create(EXAMPLES, repos, store, CLOCK);
    // A fresh forge file next to the existing repositories is the state a crash right after
    // creating them leaves behind.
    LocalForgeStore afterCrash = new LocalForgeStore(tmp.resolve("crashed.json"), CLOCK);

    DemoRepos.Result repaired = DemoRepos.create(EXAMPLES, repos, afterCrash, CLOCK);
    DemoRepos.Result again = DemoRepos.create(EXAMPLES, repos, afterCrash, CLOCK);

    assertThat(repaired.createdRepos()).isEmpty();
    assertThat(repaired.openedChanges()).containsExactly("demo/hello-go#1");
    assertThat(again.openedChanges()).isEmpty();
    assertThat(afterCrash.all("demo/hello-go")).hasSize(1);
  }

  @Test
  void aClosedDemoChangeIsNotOpenedAgain() throws IOException {
    DemoRepos.create(EXAMPLES, repos, store, CLOCK);
    store.close("demo/hello-go", 1);

    assertThat(DemoRepos.create(EXAMPLES, repos, store, CLOCK).openedChanges()).isEmpty();
    assertThat(store.all("demo/hello-go")).hasSize(1);
  }

  @Test
  void buildOutputLeftInAnExampleFolderIsNotCommitted() throws IOException {
    Path examples = tmp.resolve("examples");
    for (String name : List.of("hello-go", "hello-c")) {
      RepoReader.copy(EXAMPLES.resolve(name), examples.resolve(name));
    }
    Files.createDirectories(examples.resolve("hello-c/build"));
    Files.writeString(examples.resolve("hello-c/build/greet.o"), "object");
    Files.createDirectories(examples.resolve("hello-go/bin"));
    Files.writeString(examples.resolve("hello-go/bin/hello-go"), "binary");

    DemoRepos.create(examples, repos, store, CLOCK);

    try (RepoReader c = RepoReader.open(repos.resolve("demo/hello-c.git"));
        RepoReader go = RepoReader.open(repos.resolve("demo/hello-go.git"))) {
      assertThat(c.files("main")).doesNotContainKey("build/greet.o");
      assertThat(go.files("main")).doesNotContainKey("bin/hello-go");
    }
  }

  @Test
  void aMissingExampleFolderIsAnErrorAndLeavesNoRepository() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DemoRepos.create(tmp.resolve("nowhere"), repos, store, CLOCK))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("example folder missing");
    assertThat(repos.resolve("demo/hello-go.git")).doesNotExist();
  }
}
