package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Glob;
import java.nio.file.Path;
import java.util.List;

/**
 * Which configured repository a folder given to {@code run --repo} is: what {@code REPO} says in
 * the run and which jobs may run on it. A job run on a repository it does not apply to would test
 * the wrong code under the wrong name, so {@link RunCommand} refuses it.
 */
final class RepoIdentity {
  private RepoIdentity() {}

  /**
   * The repository's {@code owner/name}: the one the config names after the folder's last two
   * segments ({@code repos/demo/hello-c.git} is {@code demo/hello-c}), else the only configured
   * repository with the folder's name, else the job's one literal repository, else the folder's
   * name.
   */
  static String of(Path repo, ConfigSnapshot snapshot, Job job) {
    Path folder = repo.toAbsolutePath().normalize();
    if (folder.getFileName() != null && folder.getFileName().toString().equals(".git")) {
      folder = folder.getParent(); // the .git folder of a working tree
    }
    String name = stripGit(folder.getFileName() == null ? "" : folder.getFileName().toString());
    Path parent = folder.getParent();
    if (parent != null && parent.getFileName() != null) {
      String full = parent.getFileName() + "/" + name;
      if (snapshot.repository(full).isPresent()) {
        return full;
      }
    }
    List<String> sameName =
        snapshot.repositories().stream()
            .map(Repository::name)
            .filter(r -> r.substring(r.indexOf('/') + 1).equals(name))
            .toList();
    if (sameName.size() == 1) {
      return sameName.get(0);
    }
    if (job.repos().size() == 1 && Glob.isLiteral(job.repos().get(0))) {
      return job.repos().get(0);
    }
    return name;
  }

  /**
   * Why {@code job} may not run on {@code repo}, naming the jobs that may; empty if it may.
   *
   * @return "" when the job applies
   */
  static String refusal(ConfigSnapshot snapshot, Job job, String repo) {
    List<Job> applicable = snapshot.jobsFor(repo);
    if (applicable.contains(job)) {
      return "";
    }
    String others =
        applicable.isEmpty()
            ? "no job of the config runs on " + repo
            : "jobs for "
                + repo
                + ": "
                + String.join(", ", applicable.stream().map(Job::name).sorted().toList());
    return "job '%s' does not run on %s (its repos: %s); %s"
        .formatted(job.name(), repo, String.join(", ", job.repos()), others);
  }

  private static String stripGit(String folderName) {
    return folderName.endsWith(".git")
        ? folderName.substring(0, folderName.length() - ".git".length())
        : folderName;
  }
}
