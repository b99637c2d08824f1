package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.A;
import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.T0;
import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.openOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalForgeStorePersistenceTest {
  @TempDir Path dir;

  Path file() {
    return dir.resolve("state/forge.json");
  }

  @Test
  void aMissingFileIsAnEmptyForge() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    assertThat(store.repos()).isEmpty();
    assertThat(file()).doesNotExist();
  }

  @Test
  void aNewInstanceSeesEverythingAndKeepsCounting() throws IOException {
    LocalForgeStore first = new LocalForgeStore(file());
    openOne(first, "demo/app");
    first.comment("demo/app", 1, "bob", "/test all", T0);
    first.review("demo/app", 1, "bob", Review.State.APPROVED, A, T0);
    first.label("demo/app", 1, "lgtm", true);
    first.acknowledge("demo/app", 1, "c1");
    openOne(first, "demo/lib");
    first.markMerged("demo/lib", 1, "d".repeat(64));

    LocalForgeStore second = new LocalForgeStore(file());
    assertThat(second.repos()).isEqualTo(first.repos());
    assertThat(second.get("demo/app", 1)).isEqualTo(first.get("demo/app", 1));
    assertThat(second.get("demo/lib", 1)).isEqualTo(first.get("demo/lib", 1));
    assertThat(openOne(second, "demo/lib").number()).isEqualTo(2);
    assertThat(second.comment("demo/app", 1, "bob", "again", T0).comments())
        .extracting(Comment::id)
        .containsExactly("c1", "c2");
  }

  @Test
  void concurrentCommentsLoseNothingAndGetUniqueIds() throws Exception {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String who = "user" + t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    store.comment("demo/app", 1, who, "n" + i, T0);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Comment> comments =
        new LocalForgeStore(file()).get("demo/app", 1).orElseThrow().comments();
    assertThat(comments).hasSize(80);
    assertThat(comments.stream().map(Comment::id).distinct()).hasSize(80);
  }

  @Test
  void everyWriteLeavesOneParseableFileAndNoTemporaries() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app");
    assertOnlyAReadableStateFile();
    for (int i = 0; i < 5; i++) {
      store.comment("demo/app", 1, "bob", "n" + i, T0);
      assertOnlyAReadableStateFile();
    }
    store.close("demo/app", 1);
    assertOnlyAReadableStateFile();
  }

  @Test
  void aStrayTemporaryFileIsIgnored() throws IOException {
    openOne(new LocalForgeStore(file()), "demo/app");
    Files.writeString(file().resolveSibling(".tmp-123.json"), "{half");
    assertThat(new LocalForgeStore(file()).open("demo/app")).hasSize(1);
  }

  @Test
  void aDamagedFileIsAnErrorNamingTheFileAndIsKept() throws IOException {
    openOne(new LocalForgeStore(file()), "demo/app");
    String damaged = Files.readString(file()).substring(0, 40);
    Files.writeString(file(), damaged);
    assertDamaged();
    assertThat(Files.readString(file())).isEqualTo(damaged);
  }

  @Test
  void emptyNullOrForeignContentIsDamaged() throws IOException {
    Files.createDirectories(file().getParent());
    for (String content :
        List.of(
            "",
            "null",
            "[]",
            "{\"version\":3,\"lastCommentId\":0,\"repos\":{}}",
            "{\"version\":1,\"lastCommentId\":0,\"repos\":{},\"extra\":1}")) {
      Files.writeString(file(), content);
      assertDamaged();
    }
  }

  @Test
  void aChangeFiledUnderTheWrongRepoIsDamaged() throws IOException {
    openOne(new LocalForgeStore(file()), "demo/app");
    String moved =
        Files.readString(file()).replace("\"repo\" : \"demo/app\"", "\"repo\" : \"x/y\"");
    Files.writeString(file(), moved);
    assertThatThrownBy(() -> new LocalForgeStore(file()))
        .hasMessageContaining("change x/y#1 does not fit under demo/app");
  }

  @Test
  void aFailedWriteLeavesTheInstanceAtThePreviousState() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app");
    // A non-empty folder where the state file was makes the atomic rename fail.
    Files.delete(file());
    Files.createDirectories(file().resolve("blocker"));
    assertThatThrownBy(() -> store.comment("demo/app", 1, "bob", "lost", T0))
        .isInstanceOf(IOException.class);
    assertThat(store.get("demo/app", 1).orElseThrow().comments()).isEmpty();
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertThat(files).containsExactly(file());
    }
  }

  private void assertDamaged() {
    assertThatThrownBy(() -> new LocalForgeStore(file()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("damaged local forge state file " + file().toAbsolutePath());
  }

  private void assertOnlyAReadableStateFile() throws IOException {
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertThat(files).containsExactly(file());
    }
    assertThat(new String(Files.readAllBytes(file()), StandardCharsets.UTF_8)).startsWith("{");
    assertThat(new LocalForgeStore(file()).open("demo/app")).isNotNull();
  }
}
