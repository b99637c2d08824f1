package dev.ciorchestrator.executor.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds workspaces from real repositories: base {@code main}, a change on {@code feature}. */
class WorkspaceBuilderTest {
  @TempDir Path tmp;
  SourceRepo repo;
  String root;
  String head;
  String base;
  final WorkspaceBuilder builder = new WorkspaceBuilder();

  @BeforeEach
  void repository() throws Exception {
    repo = SourceRepo.init(tmp.resolve("repo"));
    root = repo.write("README.md", "hello\n").commit("root");
    repo.checkout("feature", true);
    head = repo.write("feature.txt", "feature\n").commit("feature");
    repo.checkout("main", false);
    base = repo.write("main.txt", "main\n").commit("main moves on");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void mergesHeadIntoBaseTip() throws Exception {
    Workspace ws = builder.build(spec("main", head, "ws"));

    assertThat(ws.dir()).isEqualTo(tmp.resolve("ws"));
    assertThat(ws.baseSha()).isEqualTo(base);
    assertThat(ws.headSha()).isEqualTo(head);
    assertThat(ws.dir().resolve("feature.txt")).hasContent("feature");
    assertThat(ws.dir().resolve("main.txt")).hasContent("main");
    assertThat(ws.dir().resolve("README.md")).hasContent("hello");
    RevCommit merge = newestCommit(ws.dir());
    assertThat(merge.name()).isEqualTo(ws.mergeSha());
    assertThat(merge.getParents()).extracting(ObjectId::name).containsExactly(base, head);
    assertThat(merge.getAuthorIdent().getName()).isEqualTo("ci-orchestrator");
    assertThat(merge.getCommitterIdent().getEmailAddress()).isEqualTo("ci@ci-orchestrator.dev");
  }

  @Test
  void sameInputsGiveTheSameMergeSha() throws Exception {
    Workspace first = builder.build(spec("main", head, "one"));
    Workspace second = builder.build(spec("refs/heads/main", head.substring(0, 10), "two"));

    assertThat(second.mergeSha()).isEqualTo(first.mergeSha());
    assertThat(second.headSha()).as("abbreviated head is expanded").isEqualTo(head);
  }

  @Test
  void headAlreadyContainingBaseStillGetsAMergeCommitWithHeadsTree() throws Exception {
    repo.checkout("feature", false);
    try (Git git = Git.open(repo.dir().toFile())) {
      git.merge().include(git.getRepository().resolve("main")).call();
    }
    String upToDate = repo.write("more.txt", "more\n").commit("more");
    repo.checkout("main", false);

    Workspace ws = builder.build(spec("main", upToDate, "ws"));

    RevCommit merge = newestCommit(ws.dir());
    assertThat(merge.getParents()).extracting(ObjectId::name).containsExactly(base, upToDate);
    try (Git git = Git.open(ws.dir().toFile())) {
      RevCommit headCommit =
          git.log().add(ObjectId.fromString(upToDate)).setMaxCount(1).call().iterator().next();
      assertThat(merge.getTree()).isEqualTo(headCommit.getTree());
    }
  }

  @Test
  void withoutHeadChecksOutTheBaseTipAsIs() throws Exception {
    Workspace ws = builder.build(spec("main", null, "ws"));

    assertThat(ws).isEqualTo(new Workspace(tmp.resolve("ws"), base, base, base));
    assertThat(ws.dir().resolve("main.txt")).exists();
    assertThat(ws.dir().resolve("feature.txt")).doesNotExist();
    assertThat(newestCommit(ws.dir()).name()).isEqualTo(base);
  }

  @Test
  void withoutHeadAFullShaTestsThatCommit() throws Exception {
    Workspace ws = builder.build(spec(root, null, "ws"));

    assertThat(ws.mergeSha()).isEqualTo(root);
    assertThat(ws.dir().resolve("main.txt")).doesNotExist();
    assertThat(newestCommit(ws.dir()).name()).isEqualTo(root);
  }

  @Test
  void jobSeesHistoryAndTheBaseBranchName() throws Exception {
    Workspace ws = builder.build(spec("main", head, "ws"));

    try (Git git = Git.open(ws.dir().toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.log().call()).extracting(RevCommit::name).contains(root, base, head);
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void worksFromABareRepository() throws Exception {
    Path bare = tmp.resolve("bare.git");
    Git.cloneRepository()
        .setBare(true)
        .setURI(repo.dir().toUri().toString())
        .setDirectory(bare.toFile())
        .setCloneAllBranches(true)
        .call()
        .close();

    Workspace fromBare = builder.build(new WorkspaceSpec(bare, "main", head, tmp.resolve("ws")));
    Workspace fromWorkTree = builder.build(spec("main", head, "other"));

    assertThat(fromBare.mergeSha()).isEqualTo(fromWorkTree.mergeSha());
    assertThat(fromBare.dir().resolve("feature.txt")).exists();
  }

  @Test
  void headOnlyReachableFromAForgeRefIsFetched() throws Exception {
    repo.checkout("pr", true);
    String pr = repo.write("pr.txt", "pr\n").commit("pr");
    repo.checkout("main", false);
    try (Git git = Git.open(repo.dir().toFile())) {
      var update = git.getRepository().updateRef("refs/pull/1/head");
      update.setNewObjectId(ObjectId.fromString(pr));
      update.forceUpdate();
      git.branchDelete().setBranchNames("pr").setForce(true).call();
    }

    Workspace ws = builder.build(spec("main", pr, "ws"));

    assertThat(ws.dir().resolve("pr.txt")).exists();
  }

  @Test
  void neverWritesToTheSourceRepository() throws Exception {
    var refsBefore = repo.refs();
    List<Path> objectsBefore = files(repo.dir().resolve(".git"));

    builder.build(spec("main", head, "ws"));
    builder.build(spec("main", null, "ws2"));

    assertThat(repo.refs()).isEqualTo(refsBefore);
    assertThat(files(repo.dir().resolve(".git"))).isEqualTo(objectsBefore);
  }

  @Test
  void unknownBaseBranchIsNamed() {
    Path target = tmp.resolve("ws");
    assertThatThrownBy(() -> builder.build(spec("nope", head, "ws")))
        .isInstanceOf(UnknownRevisionException.class)
        .hasMessageStartingWith("base branch 'nope' not found in ");
    assertThat(target).doesNotExist();
  }

  @Test
  void tagOrExpressionIsNotABaseBranch() {
    assertThatThrownBy(() -> builder.build(spec("main~1", head, "ws")))
        .isInstanceOf(UnknownRevisionException.class)
        .hasMessageStartingWith("base branch 'main~1' not found");
  }

  @Test
  void unknownHeadShaIsNamed() {
    String missing = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(() -> builder.build(spec("main", missing, "ws")))
        .isInstanceOf(UnknownRevisionException.class)
        .hasMessageStartingWith("head commit " + missing + " not found in ");
    assertThatThrownBy(() -> builder.build(spec("main", "feature", "ws")))
        .as("a head given by name is refused: it may have moved")
        .isInstanceOf(UnknownRevisionException.class);
    assertThat(tmp.resolve("ws")).doesNotExist();
  }

  @Test
  void nonEmptyTargetIsRefusedAndLeftAlone() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(target.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> builder.build(spec("main", head, "ws")))
        .hasMessageContaining("not empty");
    assertThat(target.resolve("keep.txt")).exists();
  }

  private WorkspaceSpec spec(String baseRef, String headSha, String target) {
    return new WorkspaceSpec(repo.dir(), baseRef, headSha, tmp.resolve(target));
  }

  static RevCommit newestCommit(Path dir) throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }

  static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("index")).sorted().toList();
    }
  }
}
