package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.Outcomes;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure mapping from how {@code <engine> run} ended, and the end of its log, to a run state. The
 * CLI's exit code is the container's, except that 125 means the engine refused (no such image, a
 * bad flag, a name in use) and 126/127 that the image lacks the shell; both are the machine's fault
 * ({@code error}, retried), told apart from a script's own {@code exit 125} by the engine's error
 * line in the log.
 */
final class ContainerOutcomes {
  /** podman's "Error: ...", docker's "docker: Error response from daemon: ...". */
  private static final Pattern ENGINE_ERROR =
      Pattern.compile("^(?:Error: |docker: |Error response from daemon: )(.+)$");

  /** busybox "sh: foo: not found", dash "sh: 1: foo: not found", bash "...: command not found". */
  private static final Pattern NOT_FOUND =
      Pattern.compile("([^:\\s][^:]*): (?:command )?not found\\s*$");

  private ContainerOutcomes() {}

  static Verdict verdict(String engine, ProcessOutcome outcome, String logTail) {
    Verdict plain = Outcomes.toState(outcome);
    if (outcome.reason() != ProcessOutcome.Reason.EXITED) {
      return plain;
    }
    List<String> lines = logTail.lines().toList();
    int code = outcome.exitCode();
    if (code == 125 || code == 126 || code == 127) {
      Optional<String> refusal = last(lines, ENGINE_ERROR);
      if (refusal.isPresent()) {
        return new Verdict(
            RunState.ERROR, engine + " could not run the container: " + refusal.get().trim());
      }
    }
    if (code == 127) {
      Optional<String> tool = last(lines, NOT_FOUND);
      if (tool.isPresent()) {
        return new Verdict(
            RunState.FAILURE, plain.message() + ": " + tool.get().trim() + ": command not found");
      }
    }
    return plain;
  }

  private static Optional<String> last(List<String> lines, Pattern pattern) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = pattern.matcher(lines.get(i));
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }
}
