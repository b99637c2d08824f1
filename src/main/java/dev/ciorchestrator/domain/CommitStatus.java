package dev.ciorchestrator.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * A commit status as every forge shows it: {@code ci/<job>} per job and {@code ci/gate} per change
 * (DESIGN.md "Reporting"). Equal statuses are equal records, so a reporter writes only what
 * changed.
 *
 * @param context {@code ci/<job>} or {@link Names#GATE_CONTEXT}
 * @param description one line for people; cut at a word boundary to GitHub's 140 characters
 * @param targetUrl where to read more (a run's log), empty when there is nothing to link
 */
public record CommitStatus(String context, State state, String description, String targetUrl) {
  /** GitHub's four states, which GitLab and Gitea map onto their own. */
  public enum State {
    PENDING,
    SUCCESS,
    FAILURE,
    ERROR;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final int MAX_DESCRIPTION = 140;

  public CommitStatus {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(state, "state");
    description = Objects.requireNonNullElse(description, "");
    description = Texts.cut(description, MAX_DESCRIPTION);
    targetUrl = Objects.requireNonNullElse(targetUrl, "");
  }
}
