package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.workspace.MergeConflictException;
import dev.ciorchestrator.executor.workspace.Workspace;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.executor.workspace.WorkspaceException;
import dev.ciorchestrator.executor.workspace.WorkspaceSpec;
import dev.ciorchestrator.run.LogTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns a run into a workspace and a process, shared by {@code LocalExecutor}
 * and the {@code run} CLI: "reproduce a job locally exactly as CI runs it" holds only while both
 * build the same tree, the same environment and the same timeout from the same code.
 */
public final class RunPreparation {
  private static final Pattern NOT_FOUND =
      Pattern.compile("([^:\\s][^:]*): command not found\\s*$");
  private static final int LOG_TAIL_BYTES = 4096;

  private RunPreparation() {}

  /**
   * What to check out: a change merges its head onto the target branch; a push run tests the pushed
   * SHA exactly, even if the branch has moved since; a scheduled run tests the branch tip.
   */
  public static WorkspaceSpec workspaceSpec(RunKey key, RunSpec spec, Path target) {
    if (spec.headSha() != null && !spec.headSha().isBlank()) {
      return new WorkspaceSpec(spec.repository(), spec.baseRef(), spec.headSha(), target);
    }
    if (key.change() == 0 && !key.sha().isEmpty()) {
      return new WorkspaceSpec(spec.repository(), key.sha(), null, target);
    }
    return new WorkspaceSpec(spec.repository(), spec.baseRef(), null, target);
  }

  /**
   * Builds the workspace into {@code target}, which must be empty or missing.
   *
   * @throws IOException with a message fit for the run record; a merge conflict names the head, the
   *     base and the conflicting paths
   */
  public static Workspace build(WorkspaceBuilder builder, RunKey key, RunSpec spec, Path target)
      throws IOException {
    WorkspaceSpec ws = workspaceSpec(key, spec, target);
    try {
      return builder.build(ws);
    } catch (MergeConflictException e) {
      throw new IOException(conflict(ws.headSha(), ws.baseRef(), e.paths()), e);
    } catch (WorkspaceException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** "head abc1234 does not merge cleanly into main: conflict in README.md". */
  static String conflict(String head, String baseRef, List<String> paths) {
    String shortHead = head.length() > 7 ? head.substring(0, 7) : head;
    return "head %s does not merge cleanly into %s: conflict in %s"
        .formatted(shortHead, baseRef, String.join(", ", paths));
  }

  /** {@code run} with its real base SHA: the record is written before the process starts. */
  public static RunRecord withBaseSha(RunRecord run, String baseSha) {
    return new RunRecord(
        run.key(),
        run.state(),
        run.trigger(),
        run.causedBy(),
        run.requestId(),
        baseSha,
        run.configRevision(),
        run.queuedAt(),
        run.startedAt(),
        run.finishedAt(),
        run.message(),
        run.executor(),
        run.results());
  }

  /**
   * The process for {@code run} in {@code workspace}: the job's script and timeout, the job's env
   * under the run's variables (a job cannot fake {@code RUN_ID} or {@code CI}).
   */
  public static ProcessSpec processSpec(RunRecord run, RunSpec spec, Workspace ws, Path logFile) {
    Map<String, String> env = new LinkedHashMap<>(spec.job().env());
    env.putAll(RunEnvironment.of(run, spec.baseRef()));
    String script =
        CacheService.preamble(spec.job()) + RunArtifacts.preamble(spec.job()) + spec.job().run();
    return new ProcessSpec(ws.dir(), script, env, spec.job().timeout(), logFile);
  }

  /** {@code process} with {@code defaults} added to its environment where it sets nothing. */
  public static ProcessSpec underDefaults(ProcessSpec process, Map<String, String> defaults) {
    if (defaults.isEmpty()) {
      return process;
    }
    Map<String, String> env = new LinkedHashMap<>(defaults);
    env.putAll(process.env());
    return new ProcessSpec(
        process.workspace(), process.script(), env, process.timeout(), process.logFile());
  }

  /**
   * The terminal state of a finished process. Exit code 127 is bash's "command not found": the
   * message names the missing tool from the log, so a machine without Go says so in the status.
   */
  public static Verdict verdict(ProcessOutcome outcome, Path logFile) {
    Verdict verdict = Outcomes.toState(outcome);
    if (outcome.reason() != ProcessOutcome.Reason.EXITED || outcome.exitCode() != 127) {
      return verdict;
    }
    String tool = missingCommand(logFile);
    return tool.isEmpty()
        ? verdict
        : new Verdict(RunState.FAILURE, verdict.message() + ": " + tool + ": command not found");
  }

  /** The last {@code X: command not found} of the log's end, or "". */
  static String missingCommand(Path logFile) {
    try {
      long size = Files.exists(logFile) ? Files.size(logFile) : 0;
      String tail =
          LogTail.read(logFile, Math.max(0, size - LOG_TAIL_BYTES), LOG_TAIL_BYTES).text();
      List<String> lines = tail.lines().toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        Matcher m = NOT_FOUND.matcher(lines.get(i));
        if (m.find()) {
          return m.group(1).trim();
        }
      }
    } catch (IOException e) {
      // the exit code alone still says what happened
    }
    return "";
  }
}
