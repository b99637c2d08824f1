package dev.ciorchestrator.executor.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sides change the same lines of two files. */
class MergeConflictTest {
  @TempDir Path tmp;
  SourceRepo repo;
  String base;
  String head;

  @BeforeEach
  void repository() throws Exception {
    repo = SourceRepo.init(tmp.resolve("repo"));
    repo.write("README.md", "hello\n")
        .write("src/a.c", "int a;\n")
        .write("ok.txt", "ok\n")
        .commit("root");
    repo.checkout("clash", true);
    head = repo.write("README.md", "theirs\n").write("src/a.c", "int b;\n").commit("theirs");
    repo.checkout("main", false);
    base = repo.write("README.md", "ours\n").write("src/a.c", "int c;\n").commit("ours");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void listsConflictingPathsAndRemovesTheTarget() throws Exception {
    Path target = tmp.resolve("ws");
    var refsBefore = repo.refs();

    MergeConflictException e =
        catchThrowableOfType(
            MergeConflictException.class,
            () ->
                new WorkspaceBuilder().build(new WorkspaceSpec(repo.dir(), "main", head, target)));

    assertThat(e)
        .hasMessage(
            "merge of "
                + head.substring(0, 7)
                + " into main ("
                + base.substring(0, 7)
                + ") conflicts in: README.md, src/a.c");
    assertThat(e.paths()).containsExactly("README.md", "src/a.c");
    assertThat(target).doesNotExist();
    assertThat(repo.refs()).isEqualTo(refsBefore);
  }

  @Test
  void removesAnEmptyTargetThatExistedBefore() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("ws"));

    catchThrowableOfType(
        MergeConflictException.class,
        () -> new WorkspaceBuilder().build(new WorkspaceSpec(repo.dir(), "main", head, target)));

    assertThat(target).doesNotExist();
  }
}
