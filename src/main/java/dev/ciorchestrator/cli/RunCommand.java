package dev.ciorchestrator.cli;

import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.workspace.Workspace;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.LogTail;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.jgit.util.FileUtils;

/**
 * {@code run <job> --repo <path> [--change N | --ref R]}: reproduces a job on this machine exactly
 * as CI runs it, through the same {@link RunPreparation} (workspace, merge, environment, timeout)
 * and the same {@link Launcher} as the job's executor: the clean environment of {@link
 * ProcessRunner}, or a container of the job's image with the deployment's engine settings ({@link
 * RunSettings}). A job is only run on a repository it applies to ({@link RepoIdentity}). Nothing is
 * recorded and no forge is written to: the workspace and log live in a temporary folder that is
 * deleted afterwards.
 */
final class RunCommand {
  private static final int CHUNK = 64 * 1024;

  private RunCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    RunOptions options;
    try {
      options = RunOptions.parse(operands);
    } catch (RunOptions.UsageException e) {
      err.println("ci-orchestrator: " + e.getMessage());
      err.print(Cli.USAGE_TEXT);
      return Cli.USAGE;
    }
    Optional<ConfigSnapshot> snapshot = FolderLoader.snapshot(options.config(), err);
    if (snapshot.isEmpty()) {
      return Cli.FAILED;
    }
    Optional<Job> job = snapshot.get().job(options.job());
    if (job.isEmpty()) {
      String known =
          snapshot.get().jobs().stream().map(Job::name).sorted().collect(Collectors.joining(", "));
      err.println("error: unknown job '" + options.job() + "'; known jobs: " + known);
      return Cli.FAILED;
    }
    Path temp = null;
    try {
      String repoName =
          options.name() != null
              ? options.name()
              : RepoIdentity.of(options.repo(), snapshot.get(), job.get());
      RunSettings settings = RunSettings.load();
      temp = Files.createTempDirectory("ci-run-");
      PipelineRun pipeline =
          new PipelineRun(
              temp.resolve("artifacts"),
              settings.artifactLimits(),
              remote(options, snapshot.get()));
      List<Job> jobs = pipeline.jobs(snapshot.get(), job.get());
      if (options.artifactsFrom() != null && !job.get().pipeline().needs().isEmpty()) {
        out.println(
            "== "
                + options.job()
                + " takes the artifacts of "
                + String.join(", ", job.get().pipeline().needNames())
                + " from their runs on the same head at "
                + options.artifactsFrom());
      }
      if (jobs.size() > 1) {
        out.println(
            "== pipeline: "
                + jobs.stream().map(Job::name).collect(Collectors.joining(" -> "))
                + " (the jobs "
                + options.job()
                + " needs run first, on the same head)");
      }
      for (Job next : jobs) {
        int exit = runOne(options, snapshot.get(), next, repoName, settings, pipeline, out, err);
        if (exit != Cli.OK) {
          if (next != job.get()) {
            out.println(
                "== " + options.job() + " skipped: " + next.name() + ", which it needs, failed");
          }
          return exit;
        }
      }
      return Cli.OK;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return Cli.FAILED;
    } finally {
      delete(temp);
    }
  }

  /** The service {@code --artifacts-from} names, with the token of --token or the environment. */
  private static Optional<RemoteUpstreams> remote(RunOptions options, ConfigSnapshot snapshot) {
    if (options.artifactsFrom() == null) {
      return Optional.empty();
    }
    String token =
        options.token() != null ? options.token() : System.getenv("CI_ORCHESTRATOR_TOKEN");
    return Optional.of(
        new RemoteUpstreams(
            new ServiceClient(
                options.artifactsFrom(),
                token == null || token.isBlank() ? null : token,
                "is the service running there? (--artifacts-from names it)"),
            Upstreams.collectsIn(() -> snapshot)));
  }

  private static void delete(Path dir) {
    try {
      if (dir != null) {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
      }
    } catch (IOException e) {
      // a temporary folder left behind costs disk, not the run's result
    }
  }

  private static int runOne(
      RunOptions options,
      ConfigSnapshot snapshot,
      Job job,
      String repoName,
      RunSettings settings,
      PipelineRun pipeline,
      PrintStream out,
      PrintStream err)
      throws IOException {
    try {
      RunTarget target = RunTarget.of(options, job, repoName);
      String refusal = RepoIdentity.refusal(snapshot, job, target.key().repo());
      if (!refusal.isEmpty()) {
        err.println("error: " + refusal);
        return Cli.FAILED;
      }
      RunRecord run =
          new RunRecord(
              target.key(),
              RunState.PENDING,
              target.trigger(),
              System.getProperty("user.name", ""),
              "",
              "",
              snapshot.revision(),
              Instant.now(),
              null,
              null,
              "");
      return execute(run, target, settings, pipeline, out, err);
    } catch (RunTarget.NotFound e) {
      err.println("error: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  private static int execute(
      RunRecord run,
      RunTarget target,
      RunSettings settings,
      PipelineRun pipeline,
      PrintStream out,
      PrintStream err)
      throws IOException {
    Path temp = Files.createTempDirectory("ci-run-");
    try {
      Workspace ws;
      Job job = target.spec().job();
      try {
        ws =
            RunPreparation.build(
                new WorkspaceBuilder(), run.key(), target.spec(), temp.resolve("workspace"));
        for (RunArtifacts.Received r : pipeline.handOver(job, run.key(), ws.dir())) {
          out.printf(
              "== %s receives $CI_ARTIFACTS/%s/%s (%s, verified)%n",
              job.name(), r.job(), r.path(), r.digest());
        }
      } catch (RemoteUpstreams.Failed e) {
        err.println("error: " + e.getMessage());
        return Cli.USAGE; // what was asked for cannot be had: as unreadable input
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        return report(run.key().job(), new Verdict(RunState.ERROR, e.getMessage()), out);
      }
      RunRecord running =
          RunPreparation.withBaseSha(run, ws.baseSha())
              .withState(RunState.RUNNING, Instant.now(), "");
      out.println(header(running, target, ws, settings.executorOf(job)));
      Path log = temp.resolve("run.log");
      Launcher launcher = settings.launcherFor(job);
      // its own name: a container of the same run started by the service may exist on this machine
      String name = "run-" + temp.getFileName().toString().replaceAll("[^0-9]", "");
      RunningProcess process =
          launcher.launch(
              new Launcher.Launch(
                  name,
                  job,
                  RunPreparation.underDefaults(
                      RunPreparation.processSpec(running, target.spec(), ws, log),
                      settings.runEnv())));
      ProcessOutcome outcome = stream(process, log, out);
      Verdict verdict = launcher.verdict(outcome, log);
      if (verdict.state() == RunState.SUCCESS) {
        verdict = collect(pipeline, job, name, ws.dir(), out).orElse(verdict);
      }
      return report(run.key().job(), verdict, out);
    } finally {
      FileUtils.delete(temp.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
  }

  /** Collects a successful job's artifacts as CI would; a refusal fails it, as it would in CI. */
  private static Optional<Verdict> collect(
      PipelineRun pipeline, Job job, String runId, Path workspace, PrintStream out) {
    try {
      pipeline
          .collect(job, runId, workspace)
          .ifPresent(
              m ->
                  m.files()
                      .forEach(
                          f ->
                              out.println(
                                  "== %s collected %s (%s, %d bytes, %s)"
                                      .formatted(
                                          job.name(),
                                          f.path(),
                                          f.octalMode(),
                                          f.size(),
                                          f.digest()))));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(new Verdict(RunState.FAILURE, e.getMessage()));
    }
  }

  /** Copies the log to {@code out} as it grows; Ctrl-C kills the job's tree, as a cancel would. */
  private static ProcessOutcome stream(RunningProcess process, Path log, PrintStream out)
      throws IOException {
    Thread stopper = new Thread(process::cancel, "ci-run-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      CompletableFuture<ProcessOutcome> outcome = process.outcome();
      long offset = 0;
      while (true) {
        boolean over = outcome.isDone(); // before the read, so the last text is not missed
        LogTail.Chunk chunk = LogTail.read(log, offset, CHUNK);
        out.print(chunk.text());
        out.flush();
        offset = chunk.nextOffset();
        if (over && chunk.atEnd()) {
          return outcome.join();
        }
        if (chunk.atEnd()) {
          await(outcome);
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running or ran
      }
    }
  }

  private static void await(CompletableFuture<ProcessOutcome> outcome) throws IOException {
    try {
      outcome.get(100, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // still running: read the log again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a process outcome never fails", e);
    }
  }

  private static String header(
      RunRecord run, RunTarget target, Workspace ws, ExecutorKind executor) {
    String what =
        run.key().change() > 0
            ? "change %d (head %s merged into %s at %s)"
                .formatted(
                    run.key().change(),
                    abbrev(ws.headSha()),
                    target.spec().baseRef(),
                    abbrev(ws.baseSha()))
            : "%s at %s".formatted(target.spec().baseRef(), abbrev(ws.baseSha()));
    String where =
        switch (executor) {
          case PROCESS -> "";
          case CONTAINER -> " in a container of " + target.spec().job().image();
          case KUBERNETES ->
              " in a container of " + target.spec().job().image() + " (the image its Job runs)";
        };
    return "== %s on %s %s%s".formatted(run.key().job(), run.key().repo(), what, where);
  }

  private static String abbrev(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static int report(String job, Verdict verdict, PrintStream out) {
    String message = verdict.message().isEmpty() ? "" : ": " + verdict.message();
    out.println("== " + job + " " + verdict.state().wire() + message);
    return verdict.state() == RunState.SUCCESS ? Cli.OK : Cli.FAILED;
  }
}
