package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.sync.TestRepo;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links committed to a config repository (JGit commits a work tree's links as link
 * entries): the service judges them inside the commit exactly as {@code validate} judges the
 * checkout, so no link is dropped silently and none is followed out of the config folder.
 */
class GitSymlinkTest {
  @TempDir Path tmp;
  TestRepo repo;
  Path ci;

  @BeforeEach
  void repository() throws Exception {
    repo =
        TestRepo.init(tmp.resolve("repo"))
            .write("ci/repo.yaml", FolderSymlinkTest.REPO)
            .write("shared/planted.yaml", FolderSymlinkTest.OUTSIDE_JOB)
            .write(
                "ci/.versions/v1/jobs.yaml",
                FolderSymlinkTest.OUTSIDE_JOB.replace("planted", "build"))
            .write("ci/sub/job.yaml", FolderSymlinkTest.OUTSIDE_JOB.replace("planted", "sub"));
    ci = repo.dir().resolve("ci");
  }

  @AfterEach
  void close() throws IOException {
    repo.close();
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.filter(Files::isSymbolicLink).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void everyKindOfLinkIsJudgedAndNoneIsDroppedSilently() throws Exception {
    link("ci/passwd.yaml", "/etc/passwd");
    link("ci/planted.yaml", "../shared/planted.yaml");
    link("ci/shared", "../shared");
    link("ci/gone.yaml", "nothing-here.yaml");
    link("ci/loop-a.yaml", "loop-b.yaml");
    link("ci/loop-b.yaml", "loop-a.yaml");
    link("ci/via-folder.yaml", "sub/../sub/job.yaml");
    link("ci/jobs.yaml", ".versions/v1/jobs.yaml");
    link("ci/alias", "sub");
    link("ci/README", "/etc/passwd");
    String sha = repo.commit("links");
    assertThat(mode(sha, "ci/passwd.yaml")).isEqualTo(FileMode.SYMLINK);

    List<ConfigError> errors = errors(gitFiles(sha));

    assertThat(errors)
        .extracting(ConfigError::format)
        .containsExactly(
            "gone.yaml:1:1: " + ConfigLinks.NOWHERE,
            "loop-a.yaml:1:1: " + ConfigLinks.NOWHERE,
            "loop-b.yaml:1:1: " + ConfigLinks.NOWHERE,
            "passwd.yaml:1:1: " + ConfigLinks.OUTSIDE,
            "planted.yaml:1:1: " + ConfigLinks.OUTSIDE,
            "shared:1:1: " + ConfigLinks.FOLDER_OUTSIDE,
            // read under their own names, so their documents clash with the originals' names
            "via-folder.yaml:4:7: name: duplicate Job name 'sub' (first at sub/job.yaml:4:7)");
    assertThat(errors.toString()).doesNotContain("MARKER").doesNotContain("root:");
  }

  @Test
  void theServiceAndValidateOnTheCheckoutSeeTheSameFiles() throws Exception {
    link("ci/passwd.yaml", "/etc/passwd");
    link("ci/planted.yaml", "../shared/planted.yaml");
    link("ci/shared", "../shared");
    link("ci/gone.yaml", "nothing-here.yaml");
    link("ci/jobs.yaml", ".versions/v1/jobs.yaml");
    link("ci/alias", "sub");
    String sha = repo.commit("links");

    assertThat(summary(gitFiles(sha))).isEqualTo(summary(new DirectoryConfigSource(ci).read(null)));
  }

  @Test
  void aLinkInsideTheFolderLoadsWithItsTargetsContent() throws Exception {
    link("ci/jobs.yaml", ".versions/v1/jobs.yaml");
    String sha = repo.commit("links");

    LoadResult result = new ConfigLoader(new CelPolicyEngine()).load(sha, gitFiles(sha));

    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    assertThat(((LoadResult.Loaded) result).snapshot().jobs())
        .extracting(j -> j.name() + "@" + j.source().file())
        .containsExactlyInAnyOrder("build@jobs.yaml", "sub@sub/job.yaml");
  }

  @Test
  void aLinkToAnotherPartOfTheRepositoryIsInsideWhenTheConfigIsTheWholeRepository()
      throws Exception {
    repo.delete("ci/sub/job.yaml");
    link("ci/planted.yaml", "../shared/planted.yaml");
    String sha = repo.commit("links");

    try (GitConfigSource root = new GitConfigSource(repo.dir().toString(), sha, "", tmp)) {
      List<ConfigFile> files = root.read(sha);
      assertThat(files)
          .filteredOn(f -> f.path().equals("ci/planted.yaml"))
          .singleElement()
          .satisfies(f -> assertThat(f.isRefused()).isFalse());
    }
  }

  private void link(String path, String target) throws IOException {
    Path link = repo.dir().resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }

  private List<ConfigFile> gitFiles(String sha) throws IOException {
    try (GitConfigSource source = new GitConfigSource(repo.dir().toString(), sha, "ci", tmp)) {
      return source.read(sha);
    }
  }

  private FileMode mode(String sha, String path) throws IOException {
    var git = repo.git().getRepository();
    try (RevWalk walk = new RevWalk(git);
        TreeWalk at =
            TreeWalk.forPath(git, path, walk.parseCommit(ObjectId.fromString(sha)).getTree())) {
      return at.getFileMode(0);
    }
  }

  private static List<ConfigError> errors(List<ConfigFile> files) {
    LoadResult result = new ConfigLoader(new CelPolicyEngine()).load("r", files);
    assertThat(result).isInstanceOf(LoadResult.Failed.class);
    return ((LoadResult.Failed) result).errors();
  }

  private static List<String> summary(List<ConfigFile> files) {
    return files.stream()
        .map(f -> f.path() + " " + (f.isRefused() ? f.refusal() : new String(f.content())))
        .toList();
  }
}
