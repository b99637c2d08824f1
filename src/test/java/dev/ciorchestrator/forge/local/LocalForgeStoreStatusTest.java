package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.A;
import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.T0;
import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.T1;
import static dev.ciorchestrator.forge.local.LocalForgeStoreTest.openOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.CommitStatus.State;
import dev.ciorchestrator.forge.command.Comment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit statuses and comment edits, in memory and across a new store on the same file. */
class LocalForgeStoreStatusTest {
  static final String MARK = "<!-- m -->";
  @TempDir Path dir;

  Path file() {
    return dir.resolve("forge.json");
  }

  static CommitStatus status(String context, State state) {
    return new CommitStatus(context, state, "why", "");
  }

  static String sha(int i) {
    return String.format("%040x", i);
  }

  @Test
  void statusesPersistPerRepoAndShaSortedByContext() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    store.setStatus("demo/app", A, status("ci/test", State.PENDING));
    store.setStatus("demo/app", A, status("ci/gate", State.FAILURE));
    store.setStatus("demo/app", A, status("ci/test", State.SUCCESS));
    store.setStatus("demo/lib", A, status("ci/lint", State.ERROR));

    LocalForgeStore again = new LocalForgeStore(file());
    assertThat(again.statuses("demo/app", A))
        .containsExactly(
            java.util.Map.entry("ci/gate", status("ci/gate", State.FAILURE)),
            java.util.Map.entry("ci/test", status("ci/test", State.SUCCESS)));
    assertThat(again.statuses("demo/lib", A)).containsOnlyKeys("ci/lint");
    assertThat(again.statuses("demo/app", sha(1))).isEmpty();
  }

  @Test
  void anEqualStatusWritesNothing() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    store.setStatus("demo/app", A, status("ci/test", State.PENDING));
    // A folder where the file was makes every write fail: an equal status must not try one.
    Files.delete(file());
    Files.createDirectories(file().resolve("blocker"));
    store.setStatus("demo/app", A, status("ci/test", State.PENDING));
    assertThatThrownBy(() -> store.setStatus("demo/app", A, status("ci/test", State.SUCCESS)))
        .isInstanceOf(IOException.class);
    assertThat(store.statuses("demo/app", A).get("ci/test").state()).isEqualTo(State.PENDING);
  }

  @Test
  void oldShasLoseTheirStatusesButOpenHeadsKeepThem() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app"); // head A
    store.setStatus("demo/app", A, status("ci/gate", State.PENDING));
    int many = ForgeState.MAX_STATUS_SHAS + 10;
    for (int i = 1; i <= many; i++) {
      store.setStatus("demo/app", sha(i), status("ci/test", State.SUCCESS));
    }
    assertThat(store.snapshot("demo/app").statuses()).hasSize(ForgeState.MAX_STATUS_SHAS);
    assertThat(store.statuses("demo/app", A)).containsOnlyKeys("ci/gate");
    assertThat(store.statuses("demo/app", sha(1))).isEmpty();
    assertThat(store.statuses("demo/app", sha(many))).containsOnlyKeys("ci/test");
  }

  @Test
  void aVersionOneFileLoadsWithoutStatusesAndIsWrittenAsTheCurrentVersion() throws IOException {
    Files.writeString(
        file(),
        "{\"version\":1,\"lastCommentId\":0,\"repos\":{\"demo/app\":"
            + "{\"lastNumber\":0,\"changes\":[]}}}");
    LocalForgeStore store = new LocalForgeStore(file());
    assertThat(store.statuses("demo/app", A)).isEmpty();
    store.setStatus("demo/app", A, status("ci/test", State.PENDING));
    assertThat(Files.readString(file())).contains("\"version\" : " + ForgeState.VERSION);
    assertThat(new LocalForgeStore(file()).statuses("demo/app", A)).hasSize(1);
  }

  @Test
  void editCommentReplacesTheBodyAndKeepsIdAuthorAndTime() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app");
    store.comment("demo/app", 1, "bob", "first", T0);
    LocalChange edited = store.editComment("demo/app", 1, "c1", "second", T1);
    assertThat(edited.comments()).containsExactly(new Comment("c1", "bob", "second", T0));
    assertThat(edited.updatedAt()).isEqualTo(T1);
    assertThat(store.editComment("demo/app", 1, "c1", "second", T1.plusSeconds(9)))
        .isSameAs(edited);
    assertThat(new LocalForgeStore(file()).get("demo/app", 1)).contains(edited);
    assertThatThrownBy(() -> store.editComment("demo/app", 1, "c9", "x", T1))
        .hasMessage("commentId c9 is not a comment of demo/app#1");
  }

  @Test
  void upsertCommentAddsOnceThenEditsInPlace() throws IOException {
    LocalForgeStore store = new LocalForgeStore(file());
    openOne(store, "demo/app");
    store.comment("demo/app", 1, "bob", MARK + " not the bot's", T0);
    store.upsertComment("demo/app", 1, "ci-bot", MARK, MARK + "\none", T0);
    store.comment("demo/app", 1, "bob", "between", T0);
    LocalChange c = store.upsertComment("demo/app", 1, "ci-bot", MARK, MARK + "\ntwo", T1);
    assertThat(c.comments())
        .extracting(Comment::id, Comment::body)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("c1", MARK + " not the bot's"),
            org.assertj.core.api.Assertions.tuple("c2", MARK + "\ntwo"),
            org.assertj.core.api.Assertions.tuple("c3", "between"));
    assertThatThrownBy(() -> store.upsertComment("demo/app", 1, "ci-bot", MARK, "no marker", T1))
        .hasMessage("body must start with " + MARK);
  }
}
