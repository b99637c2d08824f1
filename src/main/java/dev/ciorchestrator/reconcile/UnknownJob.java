package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.validation.Suggestions;
import dev.ciorchestrator.forge.command.CommandParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why {@code /test <name>} or {@code /<word>} reaches no job of a repository, as precisely as the
 * config allows: the job runs on other repositories, it cannot be started by a command, or the name
 * is unknown (with the nearest name that would work).
 */
final class UnknownJob {
  private UnknownJob() {}

  /**
   * Why {@code asked} starts nothing; empty for a bare {@code /word} that is neither a command of
   * ours, a job's command, nor close to one: another bot's command, which is not ours to answer.
   */
  static Optional<String> explain(RepoContext repo, String asked) {
    if (asked.startsWith("/")) {
      return command(repo, asked);
    }
    return Optional.of(job(repo, asked));
  }

  private static String job(RepoContext repo, String asked) {
    Optional<CompiledJob> here =
        repo.jobs().stream().filter(j -> j.name().equals(asked)).findFirst();
    if (here.isPresent()) {
      return "job '" + asked + "' has no pullRequest trigger or command, so no comment starts it";
    }
    Optional<CompiledJob> other =
        repo.elsewhere().stream().filter(j -> j.name().equals(asked)).findFirst();
    if (other.isPresent()) {
      return "job '"
          + asked
          + "' does not run on "
          + repo.name()
          + " (its repos: "
          + String.join(", ", other.get().job().repos())
          + ")";
    }
    List<String> names = new ArrayList<>();
    repo.jobs().stream().filter(CompiledJob::testable).forEach(j -> names.add(j.name()));
    names.add("all");
    return "no job '" + asked + "' for " + repo.name() + Suggestions.didYouMean(asked, names);
  }

  private static Optional<String> command(RepoContext repo, String asked) {
    List<String> commands = new ArrayList<>();
    CommandParser.NAMES.forEach(n -> commands.add("/" + n));
    repo.jobs().stream()
        .filter(j -> j.command().startsWith("/") && !j.command().contains(" "))
        .forEach(j -> commands.add(j.command()));
    String hint = Suggestions.didYouMean(asked, commands);
    if (hint.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "not a ci-orchestrator command, nor the command of a job of " + repo.name() + hint);
  }
}
