package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds planner inputs by hand: snapshots from plain records with every expression compiled by the
 * real CEL engine, changes, runs and requests. One repository, {@code demo/hello-go}, and two head
 * SHAs, {@link #HEAD} and {@link #OLD}, cover most cases.
 */
final class Fixture {
  static final String REPO = "demo/hello-go";
  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String OLD = "0000000000000000000000000000000000000000";
  static final String AUTHOR = "alice";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final CelPolicyEngine ENGINE = new CelPolicyEngine();
  private static final SourcePosition HERE = SourcePosition.ofFile("fixture.yaml");

  private Fixture() {}

  /** A snapshot builder with {@link #REPO} configured and {@link #AUTHOR} trusted. */
  static Config config() {
    return new Config().repository(REPO, AUTHOR);
  }

  static final class Config {
    private final List<Repository> repositories = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final List<Policy> policies = new ArrayList<>();
    private final Map<String, Expression> expressions = new HashMap<>();

    Config repository(String name, String... trusted) {
      repositories.add(
          new Repository(
              name,
              "local",
              "main",
              false,
              MergeMethod.MERGE,
              List.of(trusted),
              false,
              List.of(),
              HERE));
      return this;
    }

    /** Turns on {@code merge.auto} with {@code method} for the first repository. */
    Config autoMerge(MergeMethod method) {
      Repository r = repositories.remove(0);
      repositories.add(
          0,
          new Repository(
              r.name(),
              r.forge(),
              r.defaultBranch(),
              true,
              method,
              r.trustedUsers(),
              r.dismissApprovalsOnPush(),
              r.callbacks(),
              r.source()));
      return this;
    }

    /** Replaces the trusted users of the first repository. */
    Config trusting(String... users) {
      Repository r = repositories.remove(0);
      return repository(r.name(), users);
    }

    Config job(JobSpec spec) {
      jobs.add(spec.toJob());
      if (spec.when != null) {
        compile(spec.when, ResultType.BOOL);
      }
      return this;
    }

    Config jobs(String... names) {
      Arrays.stream(names).forEach(n -> job(new JobSpec(n)));
      return this;
    }

    Config policy(PolicyType type, String name, String match, String rule, String message) {
      policies.add(new Policy(name, type, List.of("*"), match, rule, message, List.of(), HERE));
      if (match != null) {
        compile(match, ResultType.BOOL);
      }
      compile(rule, ResultType.BOOL);
      if (message != null) {
        compile(message, ResultType.STRING);
      }
      return this;
    }

    Config gate(String name, String rule, String message) {
      return policy(PolicyType.GATE, name, null, rule, message);
    }

    Config trust(String name, String rule) {
      return policy(PolicyType.TRUST, name, null, rule, null);
    }

    ConfigSnapshot build() {
      return new ConfigSnapshot("rev1", repositories, jobs, policies, expressions);
    }

    private void compile(String text, ResultType type) {
      Compilation c = ENGINE.compile(text, type);
      if (!(c instanceof Compilation.Compiled compiled)) {
        throw new IllegalArgumentException("fixture expression does not compile: " + c);
      }
      expressions.put(text, compiled.expression());
    }
  }

  /** A job with a pull-request trigger for every branch and path of every repository. */
  static JobSpec job(String name) {
    return new JobSpec(name);
  }

  static final class JobSpec {
    final String name;
    List<String> repos = List.of("*");
    boolean pullRequest = true;
    List<String> branches = List.of();
    List<String> paths = List.of();
    List<String> ignore = List.of();
    String command;
    String when;
    boolean required = true;
    int retries;
    Job.PushTrigger push;
    Job.ScheduleTrigger schedule;
    ExecutorKind executor;
    List<String> needs = List.of();

    JobSpec(String name) {
      this.name = name;
      this.command = "/test " + name;
    }

    JobSpec repos(String... globs) {
      repos = List.of(globs);
      return this;
    }

    JobSpec branches(String... globs) {
      branches = List.of(globs);
      return this;
    }

    JobSpec paths(String... globs) {
      paths = List.of(globs);
      return this;
    }

    JobSpec ignore(String... globs) {
      ignore = List.of(globs);
      return this;
    }

    JobSpec when(String expression) {
      when = expression;
      return this;
    }

    JobSpec retries(int n) {
      retries = n;
      return this;
    }

    JobSpec push(String... branches) {
      push = new Job.PushTrigger(List.of(branches));
      return this;
    }

    JobSpec schedule(String cron) {
      schedule = new Job.ScheduleTrigger(cron);
      return this;
    }

    JobSpec needs(String... jobs) {
      needs = List.of(jobs);
      return this;
    }

    JobSpec optional() {
      required = false;
      return this;
    }

    JobSpec executor(ExecutorKind kind) {
      executor = kind;
      return this;
    }

    /** Only reachable by its command, like a job that is too costly to run on every push. */
    JobSpec commandOnly(String text) {
      pullRequest = false;
      command = text;
      required = false;
      return this;
    }

    Job toJob() {
      Job.PullRequestTrigger pr =
          pullRequest ? new Job.PullRequestTrigger(branches, paths, ignore) : null;
      return new Job(
          name,
          repos,
          new Job.Triggers(pr, push, schedule, command),
          when,
          required,
          "golang:1.23",
          "go test ./...",
          Map.of(),
          Job.DEFAULT_TIMEOUT,
          0,
          Job.Resources.NONE,
          retries,
          executor,
          List.of(),
          JobQuality.NONE,
          new Pipeline(
              needs.stream().map(n -> new Pipeline.Need(n, HERE)).toList(),
              Pipeline.Artifacts.NONE),
          HERE,
          null);
    }
  }

  static ChangeBuilder change() {
    return new ChangeBuilder(
        REPO, 12, AUTHOR, "main", HEAD, false, List.of(), List.of(), List.of("main.go"));
  }

  /** Immutable, so table rows can share and vary one base change without touching each other. */
  record ChangeBuilder(
      String inRepo,
      long numbered,
      String by,
      String onto,
      String at,
      boolean isDraft,
      List<String> labelled,
      List<String> approvedBy,
      List<String> touching) {

    ChangeBuilder repo(String name) {
      return new ChangeBuilder(
          name, numbered, by, onto, at, isDraft, labelled, approvedBy, touching);
    }

    ChangeBuilder number(long n) {
      return new ChangeBuilder(inRepo, n, by, onto, at, isDraft, labelled, approvedBy, touching);
    }

    ChangeBuilder author(String login) {
      return new ChangeBuilder(
          inRepo, numbered, login, onto, at, isDraft, labelled, approvedBy, touching);
    }

    ChangeBuilder base(String ref) {
      return new ChangeBuilder(
          inRepo, numbered, by, ref, at, isDraft, labelled, approvedBy, touching);
    }

    ChangeBuilder head(String sha) {
      return new ChangeBuilder(
          inRepo, numbered, by, onto, sha, isDraft, labelled, approvedBy, touching);
    }

    ChangeBuilder draft() {
      return new ChangeBuilder(
          inRepo, numbered, by, onto, at, true, labelled, approvedBy, touching);
    }

    ChangeBuilder labels(String... names) {
      return new ChangeBuilder(
          inRepo, numbered, by, onto, at, isDraft, List.of(names), approvedBy, touching);
    }

    ChangeBuilder approvals(String... logins) {
      return new ChangeBuilder(
          inRepo, numbered, by, onto, at, isDraft, labelled, List.of(logins), touching);
    }

    ChangeBuilder files(String... paths) {
      return new ChangeBuilder(
          inRepo, numbered, by, onto, at, isDraft, labelled, approvedBy, List.of(paths));
    }

    Change build() {
      return new Change(
          inRepo,
          numbered,
          "Fix things",
          by,
          isDraft,
          labelled,
          approvedBy,
          onto,
          "base0",
          "topic",
          at,
          touching,
          true,
          NOW.minusSeconds(3600),
          NOW.minusSeconds(60));
    }

    ChangeState state(JobRequest... requests) {
      return new ChangeState(build(), false, List.of(requests));
    }

    ChangeState okToTest(JobRequest... requests) {
      return new ChangeState(build(), true, List.of(requests));
    }

    /** {@code /ok-to-test} given, but before the head was pushed. */
    ChangeState okToTestForEarlierHead(JobRequest... requests) {
      return new ChangeState(build(), true, false, List.of(requests));
    }
  }

  static JobRequest test(String id, String job, String by) {
    return new JobRequest(id, job, by, false);
  }

  static JobRequest retest(String id, String by) {
    return new JobRequest(id, "", by, true);
  }

  /** The acknowledgement that answers {@code request} on change #12 of {@link #REPO}. */
  static Action.AcknowledgeRequest ack(JobRequest request, Answer.Outcome outcome, String text) {
    return ack(REPO, request, outcome, text);
  }

  static Action.AcknowledgeRequest ack(
      String repo, JobRequest request, Answer.Outcome outcome, String text) {
    return new Action.AcknowledgeRequest(
        repo,
        12,
        new Answer(request.id(), request.command(), request.by(), request.at(), outcome, text));
  }

  /** A run of change #12 on {@code sha}, caused by the pull request of {@link #AUTHOR}. */
  static RunRecord run(String job, String sha, int attempt, RunState state) {
    return run(RunKey.forChange(REPO, 12, sha, job, attempt), state);
  }

  static RunRecord run(RunKey key, RunState state) {
    return run(key, state, "");
  }

  /** A run that the request {@code requestId} started. */
  static RunRecord run(RunKey key, RunState state, String requestId) {
    return new RunRecord(
        key, state, Trigger.PULL_REQUEST, AUTHOR, requestId, "base0", "rev1", NOW, NOW, null, "");
  }
}
