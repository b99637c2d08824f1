package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.util.Objects;

/**
 * One thing the ActionExecutor must do. The planners only decide; every action carries its reason,
 * so whatever the executor does can be explained to a user (and recorded). Sealed, so the kinds of
 * action are all listed here, and every write to a forge or the run store is one of them. Statuses,
 * labels, the summary comment and the merge are planned from the whole {@link ChangePlan} after its
 * run actions ran ({@link ReportPlanner}).
 */
public sealed interface Action {
  String reason();

  /**
   * Create-if-absent the run {@code key}; its id is deterministic, so a replay is harmless. {@code
   * requestId} names the command request it serves (empty for automatic runs) and must be stored on
   * the run record.
   */
  record StartRun(RunKey key, Trigger trigger, String causedBy, String requestId, String reason)
      implements Action {
    public StartRun {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(trigger, "trigger");
      Objects.requireNonNull(causedBy, "causedBy");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(reason, "reason");
    }

    public String runId() {
      return key.id();
    }
  }

  /** Abort a pending or running run, e.g. one superseded by a newer head SHA. */
  record AbortRun(String runId, String reason) implements Action {
    public AbortRun {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Mark a {@code /test} or {@code /retest} request as handled, so it is not served again; the
   * answer (keyed by the request id) says what it started or why it could not, and the summary
   * shows it.
   */
  record AcknowledgeRequest(String repo, long change, Answer answer) implements Action {
    public AcknowledgeRequest {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(answer, "answer");
    }

    public String requestId() {
      return answer.key();
    }

    @Override
    public String reason() {
      return answer.text();
    }
  }

  /** The change is not trusted: label it and ask a trusted user for {@code /ok-to-test}. */
  record RequireOkToTest(String repo, long change, String reason) implements Action {
    public RequireOkToTest {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Merge the change: its gate passed for {@code headSha} and the repository has {@code
   * merge.auto}. The forge merges only if the head is still {@code headSha}, so a push after this
   * plan cannot merge untested code.
   */
  record Merge(String repo, long change, String headSha, MergeMethod method, String reason)
      implements Action {
    public Merge {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Set a commit status that differs from what the commit shows and from what we last wrote. */
  record SetStatus(String repo, String sha, CommitStatus status, String reason) implements Action {
    public SetStatus {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Put a label on a change ({@code present}) or take it off. */
  record SetLabel(String repo, long change, String label, boolean present, String reason)
      implements Action {
    public SetLabel {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Write the change's one summary comment, created or updated in place. */
  record UpsertSummary(String repo, long change, String body, String reason) implements Action {
    public UpsertSummary {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Post a note on the change once per {@code key}: the forge writes a key's note once, so a replay
   * (or a restart that forgot it) says nothing twice.
   */
  record Comment(String repo, long change, String key, String body, String reason)
      implements Action {
    public Comment {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Remember in the store the answer told to a served request, before the request is acknowledged:
   * the summary shows it from there on every later pass, after a restart or a failover too.
   */
  record RememberAnswer(String repo, long change, ToldAnswer answer, String reason)
      implements Action {
    public RememberAnswer {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Remember in the store a merge the forge refused, so no replica tries it again (nor says "Not
   * merged" again) until the head or the base moves.
   */
  record RememberRefusal(String repo, long change, MergeRefusal refusal, String reason)
      implements Action {
    public RememberRefusal {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
