package dev.ciorchestrator.demo;

import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Seeds the embedded forge on first start with the example projects {@code demo/hello-go} and
 * {@code demo/hello-c}, so the one-computer loop has something to build. Idempotent: a repository
 * that exists is never touched, and a demo change is opened at most once.
 */
public final class DemoRepos {
  static final String AUTHOR_NAME = "ci-orchestrator demo";
  static final String AUTHOR_EMAIL = "demo@ci-orchestrator.invalid";
  static final String CHANGE_AUTHOR = "alice"; // trusted in examples/ci-repo, so jobs start at once

  static final Demo HELLO_GO =
      new Demo(
          "demo/hello-go",
          "friendlier-greeting",
          List.of("greet.go", "greet_test.go"),
          "Greet friendlier, and greet a stranger when no name is given",
          "Friendlier greeting");
  // No change for hello-c: opening it is the first step of the README walk-through.
  static final Demo HELLO_C =
      new Demo(
          "demo/hello-c",
          "add-shout",
          List.of("include/greet.h", "src/greet.c", "tests/test_greet.c"),
          "Add shout(): the greeting in capital letters",
          "");
  static final List<Demo> DEMOS = List.of(HELLO_GO, HELLO_C);

  private DemoRepos() {}

  /**
   * One demo repository: branch {@code main} from {@code examples/<name>}, and {@code branch}
   * changing {@code branchFiles} (shipped as resources beside this class).
   *
   * @param changeTitle the title of the change opened from {@code branch}; empty opens none
   */
  record Demo(
      String repo, String branch, List<String> branchFiles, String message, String changeTitle) {
    String folder() {
      return repo.substring(repo.indexOf('/') + 1);
    }
  }

  /** What {@link #create} did; both lists are empty on every start after the first. */
  public record Result(List<String> createdRepos, List<String> openedChanges) {
    public Result {
      createdRepos = List.copyOf(createdRepos);
      openedChanges = List.copyOf(openedChanges);
    }

    /** One line for the log. */
    public String describe() {
      if (createdRepos.isEmpty() && openedChanges.isEmpty()) {
        return "demo repositories already present; nothing created";
      }
      return "demo repositories created: "
          + (createdRepos.isEmpty() ? "none" : String.join(", ", createdRepos))
          + "; changes opened: "
          + (openedChanges.isEmpty() ? "none" : String.join(", ", openedChanges));
    }
  }

  /**
   * Creates each demo repository that does not exist yet as {@code <reposDir>/<owner>/<name>.git}
   * from {@code <examplesDir>/<name>}, and opens the demo change where one is due.
   */
  public static Result create(Path examplesDir, Path reposDir, LocalForgeStore store, Clock clock)
      throws IOException {
    List<String> created = new ArrayList<>();
    List<String> opened = new ArrayList<>();
    for (Demo demo : DEMOS) {
      Path gitDir = reposDir.resolve(demo.repo() + ".git");
      if (!Files.exists(gitDir)
          && createRepo(demo, examplesDir.resolve(demo.folder()), gitDir, clock)) {
        created.add(demo.repo());
      }
      // Checked on every start, not only after creating: a crash between creating the repository
      // and opening the change must still end with the change open, exactly once.
      if (!demo.changeTitle().isEmpty()) {
        openChange(demo, gitDir, store, clock).ifPresent(c -> opened.add(c.ref()));
      }
    }
    return new Result(created, opened);
  }

  private static boolean createRepo(Demo demo, Path example, Path gitDir, Clock clock)
      throws IOException {
    List<DemoFile> mainFiles = DemoFiles.fromFolder(example);
    List<DemoFile> branchFiles =
        DemoFiles.fromResources(demo.folder() + "/" + demo.branch(), demo.branchFiles());
    PersonIdent who = new PersonIdent(AUTHOR_NAME, AUTHOR_EMAIL, clock.instant(), ZoneOffset.UTC);
    return BareRepo.createAtomically(
        gitDir,
        repo -> {
          repo.commit(BareRepo.MAIN, null, mainFiles, "Initial commit of " + demo.folder(), who);
          repo.commit(demo.branch(), BareRepo.MAIN, branchFiles, demo.message(), who);
        });
  }

  private static Optional<LocalChange> openChange(
      Demo demo, Path gitDir, LocalForgeStore store, Clock clock) throws IOException {
    // Any change from the branch counts, merged or closed too: the user has dealt with it.
    boolean exists =
        store.all(demo.repo()).stream().anyMatch(c -> c.sourceBranch().equals(demo.branch()));
    if (exists || !Files.isDirectory(gitDir)) {
      return Optional.empty();
    }
    // A user who deleted the branch does not want its change back.
    Optional<String> head = BareRepo.head(gitDir, demo.branch());
    if (head.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        store.open(
            demo.repo(),
            demo.changeTitle(),
            CHANGE_AUTHOR,
            demo.branch(),
            BareRepo.MAIN,
            false,
            head.get(),
            clock.instant()));
  }
}
